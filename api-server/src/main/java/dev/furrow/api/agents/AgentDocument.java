package dev.furrow.api.agents;

import dev.furrow.api.listing.ListQuery;
import dev.furrow.api.listing.Ordering;
import dev.furrow.api.listing.Page;
import dev.furrow.api.listing.PageRequest;
import dev.furrow.api.store.Sql;
import dev.furrow.api.store.Times;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.furrow.api.listing.Ordering.number;
import static dev.furrow.api.listing.Ordering.text;

/** Agents in PyFarm's JSON form. */
final class AgentDocument {

    private AgentDocument() {
    }

    static Optional<Map<String, Object>> load(Sql sql, String agentId) throws SQLException {
        Optional<Map<String, Object>> found = sql.one("SELECT * FROM agents WHERE id = ?", row -> {
            Map<String, Object> agent = new LinkedHashMap<>();
            agent.put("id", row.getString("id"));
            agent.put("hostname", row.getString("hostname"));
            agent.put("farm_name", row.getString("farm_name"));
            agent.put("version", row.getString("version"));
            agent.put("upgrade_to", row.getString("upgrade_to"));
            agent.put("os_class", row.getString("os_class"));
            agent.put("os_fullname", row.getString("os_fullname"));
            agent.put("ram", row.getInt("ram"));
            agent.put("free_ram", row.getInt("free_ram"));
            agent.put("cpus", row.getInt("cpus"));
            agent.put("cpu_name", row.getString("cpu_name"));
            agent.put("port", row.getInt("port"));
            agent.put("time_offset", row.getInt("time_offset"));
            agent.put("cpu_allocation", row.getDouble("cpu_allocation"));
            agent.put("ram_allocation", row.getDouble("ram_allocation"));
            agent.put("state", row.getString("state"));
            agent.put("use_address", row.getString("use_address"));
            agent.put("remote_ip", row.getString("remote_ip"));
            agent.put("restart_requested", row.getBoolean("restart_requested"));
            agent.put("last_heard_from", Times.format(Sql.instant(row, "last_heard_from")));
            agent.put("last_success_on", Times.format(Sql.instant(row, "last_success_on")));
            agent.put("notes", row.getString("notes"));
            return agent;
        }, agentId);
        if (found.isPresent()) {
            Map<String, Object> agent = found.get();
            agent.put("mac_addresses", sql.list("SELECT mac_address FROM agent_mac_addresses WHERE agent_id = ? ORDER BY mac_address",
                    row -> row.getString(1), agentId));
            agent.put("disks", sql.list("SELECT mountpoint, size, free FROM agent_disks WHERE agent_id = ? ORDER BY mountpoint", row -> {
                Map<String, Object> disk = new LinkedHashMap<>();
                disk.put("mountpoint", row.getString("mountpoint"));
                disk.put("size", row.getLong("size"));
                disk.put("free", row.getLong("free"));
                return disk;
            }, agentId));
            agent.put("gpus", sql.list("""
                    SELECT g.fullname FROM gpu_agent_associations a JOIN gpus g ON g.id = a.gpu_id
                    WHERE a.agent_id = ? ORDER BY g.fullname""", row -> row.getString(1), agentId));
            agent.put("tags", sql.list("""
                    SELECT t.tag FROM agent_tag_associations a JOIN tags t ON t.id = a.tag_id
                    WHERE a.agent_id = ? ORDER BY t.tag""", row -> row.getString(1), agentId));
        }
        return found;
    }

    /** The orders of GET /api/v1/agents/; the default is by hostname. */
    static final Ordering ORDER = Ordering.by("hostname", text("a.hostname"), text("a.id"))
            .or("id", text("a.id"))
            .or("state", text("CAST(a.state AS CHAR)"), text("a.hostname"), text("a.id"))
            .or("cpus", number("a.cpus"), text("a.id"))
            .or("ram", number("a.ram"), text("a.id"))
            .or("free_ram", number("a.free_ram"), text("a.id"));

    static Page<Map<String, Object>> list(Sql sql, AgentFilter filter, PageRequest page) throws SQLException {
        ListQuery query = ListQuery.select("a.id, a.hostname, a.port, a.remote_ip, a.state", "agents a");
        filter.narrow(query);
        return query.page(sql, page, row -> {
            Map<String, Object> agent = new LinkedHashMap<>();
            agent.put("id", row.getString("id"));
            agent.put("hostname", row.getString("hostname"));
            agent.put("port", row.getInt("port"));
            agent.put("remote_ip", row.getString("remote_ip"));
            agent.put("state", row.getString("state"));
            return agent;
        });
    }
}
