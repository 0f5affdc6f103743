package dev.furrow.scheduler.ingest;

import dev.furrow.messages.AgentAnnounced;
import dev.furrow.messages.AgentState;
import dev.furrow.scheduler.sql.Sql;
import dev.furrow.scheduler.tasks.ReleaseAgentTasks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * Creates or updates the agents row from an announcement, replaces its disks, mac addresses and gpus, and
 * releases tasks the database has running on it that the agent no longer runs (it restarted).
 */
final class UpsertAnnouncedAgent {

    private static final int MAC_LENGTH = 17;

    private UpsertAnnouncedAgent() {
    }

    static void apply(Connection c, AgentAnnounced a, Instant now) throws SQLException {
        String id = a.agentId().toString();
        AgentState state = a.state() == null || a.state() == AgentState.OFFLINE ? AgentState.ONLINE : a.state();
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO agents (id, hostname, farm_name, version, os_class, os_fullname, ram, free_ram, cpus,
                                    cpu_name, port, time_offset, state, remote_ip, last_heard_from)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON DUPLICATE KEY UPDATE hostname = VALUES(hostname), farm_name = VALUES(farm_name),
                    version = VALUES(version), os_class = VALUES(os_class), os_fullname = VALUES(os_fullname),
                    ram = VALUES(ram), free_ram = VALUES(free_ram), cpus = VALUES(cpus), cpu_name = VALUES(cpu_name),
                    port = VALUES(port), time_offset = VALUES(time_offset), remote_ip = VALUES(remote_ip),
                    last_heard_from = VALUES(last_heard_from),
                    state = IF(state = 'disabled', 'disabled', VALUES(state))""")) {
            int i = 1;
            s.setString(i++, id);
            s.setString(i++, a.hostname());
            s.setString(i++, a.farmName());
            s.setString(i++, a.agentVersion());
            s.setString(i++, a.osClass());
            s.setString(i++, a.osFullname());
            s.setInt(i++, a.ram());
            s.setInt(i++, a.freeRam());
            s.setInt(i++, a.cpus());
            s.setString(i++, a.cpuName());
            s.setInt(i++, a.port());
            s.setInt(i++, (int) Math.round(a.timeOffset()));
            s.setString(i++, state.wireName());
            s.setString(i++, a.remoteIp());
            Sql.setInstant(s, i, now);
            s.executeUpdate();
        }
        replaceDisks(c, id, a.disks() == null ? List.of() : a.disks());
        replaceMacAddresses(c, id, a.macAddresses() == null ? List.of() : a.macAddresses());
        replaceGpus(c, id, a.gpus() == null ? List.of() : a.gpus());
        ReleaseAgentTasks.runningExcept(c, a.agentId(),
                a.runningTaskIds() == null ? List.of() : a.runningTaskIds(), now);
    }

    private static void replaceDisks(Connection c, String id, List<AgentAnnounced.Disk> disks) throws SQLException {
        deleteFor(c, "agent_disks", id);
        if (disks.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO agent_disks (agent_id, mountpoint, size, free) VALUES (?, ?, ?, ?)")) {
            for (AgentAnnounced.Disk disk : disks) {
                s.setString(1, id);
                s.setString(2, disk.mountpoint());
                s.setLong(3, disk.size());
                s.setLong(4, disk.free());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    private static void replaceMacAddresses(Connection c, String id, List<String> macs) throws SQLException {
        deleteFor(c, "agent_mac_addresses", id);
        List<String> valid = macs.stream().filter(m -> m != null && !m.isBlank() && m.length() <= MAC_LENGTH)
                .distinct().toList();
        if (valid.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement(
                "INSERT IGNORE INTO agent_mac_addresses (agent_id, mac_address) VALUES (?, ?)")) {
            for (String mac : valid) {
                s.setString(1, id);
                s.setString(2, mac);
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    private static void replaceGpus(Connection c, String id, List<String> gpus) throws SQLException {
        deleteFor(c, "gpu_agent_associations", id);
        List<String> names = gpus.stream().filter(g -> g != null && !g.isBlank()).distinct().toList();
        if (names.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("INSERT IGNORE INTO gpus (fullname) VALUES (?)")) {
            for (String name : names) {
                s.setString(1, name);
                s.addBatch();
            }
            s.executeBatch();
        }
        try (PreparedStatement s = c.prepareStatement(
                "INSERT IGNORE INTO gpu_agent_associations (gpu_id, agent_id) SELECT id, ? FROM gpus WHERE fullname IN ("
                        + Sql.placeholders(names.size()) + ")")) {
            s.setString(1, id);
            for (int i = 0; i < names.size(); i++) {
                s.setString(i + 2, names.get(i));
            }
            s.executeUpdate();
        }
    }

    private static void deleteFor(Connection c, String table, String agentId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM " + table + " WHERE agent_id = ?")) {
            s.setString(1, agentId);
            s.executeUpdate();
        }
    }
}
