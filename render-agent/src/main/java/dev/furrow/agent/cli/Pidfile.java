package dev.furrow.agent.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** A file naming a running process's id: the agent's (PyFarm's agent_lock_file) or the supervisor's. */
record Pidfile(Path path) {

    /** The process the file names, if the file exists and that process is alive. */
    Optional<ProcessHandle> runningProcess() {
        if (!Files.exists(path)) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(Files.readString(path).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        } catch (NumberFormatException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the pidfile " + path + ": " + e.getMessage(), e);
        }
    }

    void write(long pid) {
        try {
            if (path.getParent() != null) {
                Files.createDirectories(path.getParent());
            }
            Files.writeString(path, pid + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the pidfile " + path + " (" + e.getMessage()
                    + "); pass --pidfile with a writable path", e);
        }
    }

    void delete() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the pidfile " + path + ": " + e.getMessage(), e);
        }
    }
}
