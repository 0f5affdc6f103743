package dev.furrow.messages;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An agent started or re-announced itself: who it is, what hardware it has and which tasks it is running
 * right now (so the master can reconcile, PyFarm's {@code fail_missing_assignments}).
 */
public record AgentAnnounced(
        UUID agentId,
        String hostname,
        String farmName,
        int port,
        String remoteIp,
        int cpus,
        int ram,
        int freeRam,
        String cpuName,
        String osClass,
        String osFullname,
        String agentVersion,
        double timeOffset,
        AgentState state,
        List<Disk> disks,
        List<String> gpus,
        List<String> macAddresses,
        List<Long> runningTaskIds,
        Instant at) implements AgentReport {

    public static final String ROUTING_KEY = "agent.announced";

    /** One mounted file system; sizes in bytes. */
    public record Disk(String mountpoint, long size, long free) {
    }

    @Override
    public String routingKey() {
        return ROUTING_KEY;
    }
}
