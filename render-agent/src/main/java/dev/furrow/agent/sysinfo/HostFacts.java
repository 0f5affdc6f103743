package dev.furrow.agent.sysinfo;

import dev.furrow.messages.AgentAnnounced;

import java.util.List;

/** What this machine is, as announced to the master. RAM in MB. */
public record HostFacts(
        String hostname, int cpus, int ram, int freeRam, String cpuName, String osClass, String osFullname,
        List<AgentAnnounced.Disk> disks, List<String> gpus, List<String> macAddresses) {
}
