package dev.furrow.api.agents;

import dev.furrow.api.store.Sql;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Inserts or merges an agent row and replaces its lists; runs inside the caller's transaction. */
final class AgentWriter {

    private AgentWriter() {
    }

    static void insert(Sql sql, String id, AgentFields fields, Instant now) throws SQLException {
        List<Object> values = new ArrayList<>();
        values.add(id);
        values.addAll(fields.columns().values());
        values.add(now);
        String columns = String.join(", ", fields.columns().keySet());
        String marks = fields.columns().keySet().stream().map(c -> "?").collect(Collectors.joining(", "));
        sql.update("INSERT INTO agents (id, " + columns + ", last_heard_from) VALUES (?, " + marks + ", ?)", values.toArray());
        replaceLists(sql, id, fields);
    }

    static void merge(Sql sql, String id, AgentFields fields, Instant now) throws SQLException {
        List<Object> values = new ArrayList<>(fields.columns().values());
        values.add(now);
        values.add(id);
        String assignments = fields.columns().keySet().stream().map(c -> c + " = ?").collect(Collectors.joining(", "));
        sql.update("UPDATE agents SET " + (assignments.isEmpty() ? "" : assignments + ", ") + "last_heard_from = ? WHERE id = ?",
                values.toArray());
        if (fields.listsGiven()) {
            replaceLists(sql, id, fields);
        }
    }

    private static void replaceLists(Sql sql, String id, AgentFields fields) throws SQLException {
        sql.update("DELETE FROM agent_mac_addresses WHERE agent_id = ?", id);
        for (String mac : fields.macAddresses().stream().distinct().toList()) {
            sql.update("INSERT INTO agent_mac_addresses (agent_id, mac_address) VALUES (?, ?)", id, mac);
        }
        sql.update("DELETE FROM agent_disks WHERE agent_id = ?", id);
        for (Disk disk : fields.disks()) {
            sql.update("INSERT INTO agent_disks (agent_id, mountpoint, size, free) VALUES (?, ?, ?, ?)",
                    id, disk.mountpoint(), disk.size(), disk.free());
        }
        sql.update("DELETE FROM gpu_agent_associations WHERE agent_id = ?", id);
        for (String gpu : fields.gpus().stream().distinct().toList()) {
            sql.update("INSERT IGNORE INTO gpus (fullname) VALUES (?)", gpu);
            sql.update("INSERT IGNORE INTO gpu_agent_associations (gpu_id, agent_id) SELECT id, ? FROM gpus WHERE fullname = ?", id, gpu);
        }
    }

}
