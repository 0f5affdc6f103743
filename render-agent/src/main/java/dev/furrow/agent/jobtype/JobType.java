package dev.furrow.agent.jobtype;

import dev.furrow.messages.AssignTasks;

import java.nio.file.Path;

/** A built-in job type: turns one task of an assignment into the process that renders it. */
public interface JobType {

    /** The job type's name, as seeded in the master (classname 'builtin'). */
    String name();

    /**
     * The process for {@code task}; {@code frames} describes the whole batch (for {start}/{end}), {@code tempDir}
     * is the assignment's scratch directory. Throws {@link InvalidJobData} when the job's data cannot be run.
     */
    ProcessSpec processFor(AssignTasks.Job job, AssignTasks.Task task, FrameRange frames, Path tempDir);

    /** The job's data does not say how to run it; the task fails with this message as its last error. */
    final class InvalidJobData extends RuntimeException {
        public InvalidJobData(String message) {
            super(message);
        }
    }
}
