package dev.furrow.api.agents;

import dev.furrow.api.listing.ListQuery;
import dev.furrow.api.listing.Ordering;
import dev.furrow.api.listing.Page;
import dev.furrow.api.listing.PageRequest;
import dev.furrow.api.store.Sql;
import dev.furrow.api.store.Times;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import static dev.furrow.api.listing.Ordering.number;
import static dev.furrow.api.listing.Ordering.text;

/** Reads agents in PyFarm's JSON form. */
final class AgentDocument {

    /** The orders of GET /api/v1/agents/; the default is by hostname. */
    static final Ordering ORDER = Ordering.by("hostname", text("a.hostname"), text("a.id"))
            .or("id", text("a.id"))
            .or("state", text("CAST(a.state AS CHAR)"), text("a.hostname"), text("a.id"))
            .or("cpus", number("a.cpus"), text("a.id"))
            .or("ram", number("a.ram"), text("a.id"))
            .or("free_ram", number("a.free_ram"), text("a.id"));

    private AgentDocument() {
    }

    static Optional<Agent> load(Sql sql, String agentId) throws SQLException {
        List<String> macs = sql.list("SELECT mac_address FROM agent_mac_addresses WHERE agent_id = ? ORDER BY mac_address",
                row -> row.getString(1), agentId);
        List<Disk> disks = sql.list("SELECT mountpoint, size, free FROM agent_disks WHERE agent_id = ? ORDER BY mountpoint",
                row -> new Disk(row.getString("mountpoint"), row.getLong("size"), row.getLong("free")), agentId);
        List<String> gpus = sql.list("""
                SELECT g.fullname FROM gpu_agent_associations a JOIN gpus g ON g.id = a.gpu_id
                WHERE a.agent_id = ? ORDER BY g.fullname""", row -> row.getString(1), agentId);
        List<String> tags = sql.list("""
                SELECT t.tag FROM agent_tag_associations a JOIN tags t ON t.id = a.tag_id
                WHERE a.agent_id = ? ORDER BY t.tag""", row -> row.getString(1), agentId);
        return sql.one("SELECT * FROM agents WHERE id = ?", row -> new Agent(
                row.getString("id"), row.getString("hostname"), row.getString("farm_name"), row.getString("version"),
                row.getString("upgrade_to"), row.getString("os_class"), row.getString("os_fullname"),
                row.getInt("ram"), row.getInt("free_ram"), row.getInt("cpus"), row.getString("cpu_name"),
                row.getInt("port"), row.getInt("time_offset"), row.getDouble("cpu_allocation"),
                row.getDouble("ram_allocation"), row.getString("state"), row.getString("use_address"),
                row.getString("remote_ip"), row.getBoolean("restart_requested"),
                Times.format(Sql.instant(row, "last_heard_from")), Times.format(Sql.instant(row, "last_success_on")),
                row.getString("notes"), macs, disks, gpus, tags), agentId);
    }

    static Page<AgentSummary> list(Sql sql, AgentFilter filter, PageRequest page) throws SQLException {
        ListQuery query = ListQuery.select("a.id, a.hostname, a.port, a.remote_ip, a.state", "agents a");
        filter.narrow(query);
        return query.page(sql, page, row -> new AgentSummary(row.getString("id"), row.getString("hostname"),
                row.getInt("port"), row.getString("remote_ip"), row.getString("state")));
    }
}
