package dev.furrow.farm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the farm keeps its state under its data directory. */
public record FarmLayout(Path dataDir) {

    /** The task log store shared by api-server and scheduler-worker (FURROW_TASKLOGS_DIR). */
    public Path taskLogs() {
        return dataDir.resolve("tasklogs");
    }

    /** Agent {@code number}'s own directory, holding its id file and its task logs. */
    public Path agentDir(int number) {
        return dataDir.resolve("agents").resolve(Integer.toString(number));
    }

    public Path agentIdFile(int number) {
        return agentDir(number).resolve("agent-id");
    }

    public Path agentTaskLogs(int number) {
        return agentDir(number).resolve("tasklogs");
    }

    public Path embeddedDatabase() {
        return dataDir.resolve("mariadb");
    }

    public Path embeddedBroker() {
        return dataDir.resolve("broker");
    }

    /** Creates the directories the components expect to exist. */
    void create(int agents) {
        try {
            Files.createDirectories(taskLogs());
            for (int number = 1; number <= agents; number++) {
                Files.createDirectories(agentTaskLogs(number));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the farm's data directory " + dataDir
                    + "; choose another with --data-dir", e);
        }
    }
}
