package dev.furrow.messages;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Run these tasks of one job, as one batch, on the agent this is sent to. Carries everything the agent needs
 * to run them without asking the master, except a job type's definition, which it fetches and caches.
 */
public record AssignTasks(
        UUID assignmentId,
        Job job,
        List<Task> tasks,
        Instant at) implements FarmMessage {

    /** The job-level settings that shape how the tasks run. */
    public record Job(
            long id, String title, String user,
            String jobtype, int jobtypeVersion,
            JsonNode data, Map<String, String> environ,
            double by, int cpus, int ram, Integer ramWarning, Integer ramMax) {
    }

    /** One task of the batch; {@code attempt} is the attempt number this run reports under. */
    public record Task(long id, double frame, Integer tile, int attempt) {
    }
}
