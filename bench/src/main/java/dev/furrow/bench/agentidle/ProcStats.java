package dev.furrow.bench.agentidle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resident memory and consumed CPU time of one process, from /proc. */
record ProcStats(long pid) {

    /** Linux's USER_HZ; 100 on every mainstream kernel configuration. */
    static final double CLOCK_TICKS_PER_SECOND = 100.0;

    /** VmRSS in MiB. */
    double rssMiB() {
        for (String line : read("status").split("\n")) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        throw new IllegalStateException("/proc/" + pid + "/status has no VmRSS line");
    }

    /** utime + stime in seconds. */
    double cpuSeconds() {
        String stat = read("stat");
        // Fields after the command name (which may contain spaces) start at the last ')'.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        long utime = Long.parseLong(fields[11]);
        long stime = Long.parseLong(fields[12]);
        return (utime + stime) / CLOCK_TICKS_PER_SECOND;
    }

    String command() {
        return read("comm").trim();
    }

    private String read(String file) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/" + pid + "/" + file + " (did the process exit?)", e);
        }
    }
}
