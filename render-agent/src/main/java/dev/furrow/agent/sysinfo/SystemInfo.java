package dev.furrow.agent.sysinfo;

import dev.furrow.agent.config.AgentConfig;
import dev.furrow.messages.AgentAnnounced;
import oshi.hardware.GlobalMemory;
import oshi.hardware.HardwareAbstractionLayer;
import oshi.hardware.NetworkIF;
import oshi.software.os.OperatingSystem;

import java.util.List;
import java.util.Locale;

/** Reads this machine's hardware through OSHI; configured cpus/ram/hostname override what is measured. */
public final class SystemInfo {

    private static final long MB = 1024L * 1024L;

    private final HardwareAbstractionLayer hardware;
    private final OperatingSystem os;

    public SystemInfo() {
        oshi.SystemInfo oshi = new oshi.SystemInfo();
        this.hardware = oshi.getHardware();
        this.os = oshi.getOperatingSystem();
    }

    public HostFacts facts(AgentConfig config) {
        return new HostFacts(
                config.hostname(),
                config.cpus() != null ? config.cpus() : hardware.getProcessor().getLogicalProcessorCount(),
                config.ram() != null ? config.ram() : (int) (hardware.getMemory().getTotal() / MB),
                freeRam(),
                hardware.getProcessor().getProcessorIdentifier().getName().trim(),
                osClass(),
                os.toString(),
                disks(),
                gpus(),
                macAddresses());
    }

    /** Available ram in MB now. */
    public int freeRam() {
        GlobalMemory memory = hardware.getMemory();
        return (int) (memory.getAvailable() / MB);
    }

    /** PyFarm's os class names: linux, mac, windows, bsd. */
    private String osClass() {
        String family = os.getFamily().toLowerCase(Locale.ROOT);
        String name = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        if (name.contains("win")) {
            return "windows";
        }
        if (name.contains("mac") || family.contains("mac")) {
            return "mac";
        }
        if (name.contains("bsd")) {
            return "bsd";
        }
        return "linux";
    }

    private List<AgentAnnounced.Disk> disks() {
        return os.getFileSystem().getFileStores(true).stream()
                .filter(store -> store.getTotalSpace() > 0)
                .map(store -> new AgentAnnounced.Disk(store.getMount(), store.getTotalSpace(), store.getUsableSpace()))
                .toList();
    }

    private List<String> gpus() {
        return hardware.getGraphicsCards().stream()
                .map(card -> (card.getVendor() + " " + card.getName()).trim())
                .toList();
    }

    private List<String> macAddresses() {
        return hardware.getNetworkIFs().stream()
                .map(NetworkIF::getMacaddr)
                .filter(mac -> mac != null && !mac.isBlank() && !mac.equals("00:00:00:00:00:00"))
                .distinct()
                .toList();
    }

    /** Resident memory in MB of one process and its descendants; 0 when it is gone. */
    public long treeRssMb(long pid) {
        long bytes = rss(pid);
        for (var child : os.getDescendantProcesses((int) pid, null, null, 0)) {
            bytes += child.getResidentSetSize();
        }
        return bytes / MB;
    }

    private long rss(long pid) {
        var process = os.getProcess((int) pid);
        return process == null ? 0 : process.getResidentSetSize();
    }

}
