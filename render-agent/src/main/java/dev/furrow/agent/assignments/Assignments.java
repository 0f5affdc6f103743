package dev.furrow.agent.assignments;

import dev.furrow.agent.jobtype.JobType;
import dev.furrow.agent.jobtype.MasterJobTypes;
import dev.furrow.messages.AssignTasks;
import dev.furrow.messages.AssignmentRejected;
import dev.furrow.messages.FarmMessage;
import dev.furrow.messages.StopTasks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The assignments this agent runs, fed by its command queue: accepts or rejects {@link AssignTasks} (one at a time
 * unless agent_allow_sharing), and carries out {@link StopTasks}. Acking a message means it was taken care of.
 */
public final class Assignments {

    private static final Logger LOG = LoggerFactory.getLogger(Assignments.class);

    private final AgentContext agent;
    private final Runnable roomAgain;
    private final Map<UUID, RunThread> running = new ConcurrentHashMap<>();
    private final ExecutorService stoppers = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "task-stopper");
        thread.setDaemon(true);
        return thread;
    });
    private boolean accepting = true;

    private record RunThread(AssignmentRun run, Thread thread) {
    }

    /** {@code roomAgain} runs whenever an assignment finished while the agent still takes work. */
    public Assignments(AgentContext agent, Runnable roomAgain) {
        this.agent = agent;
        this.roomAgain = roomAgain;
    }

    /** Handles one message from the agent's queue (the subscription acks it when this returns). */
    public void handle(FarmMessage message) {
        if (message instanceof AssignTasks assignment) {
            accept(assignment);
        } else if (message instanceof StopTasks stop) {
            stop(stop.taskIds(), stop.signal(), stop.reason());
        } else {
            LOG.error("ignoring a {} on the agent's queue: only AssignTasks and StopTasks are sent to agents",
                    message.getClass().getSimpleName());
        }
    }

    private void accept(AssignTasks assignment) {
        Optional<String> refusal;
        JobType jobType = null;
        String unknownJobType = null;
        try {
            // may fetch the job type from the master: not while holding the lock
            jobType = agent.jobTypes().forJob(assignment.job());
        } catch (MasterJobTypes.Unavailable e) {
            unknownJobType = e.getMessage();
        }
        synchronized (this) {
            if (running.containsKey(assignment.assignmentId())) {
                LOG.info("assignment {} is already running here (redelivered); nothing to do", assignment.assignmentId());
                return;
            }
            refusal = refusal(assignment, unknownJobType);
            if (refusal.isEmpty()) {
                AssignmentRun run = new AssignmentRun(assignment, jobType, agent, () -> finished(assignment.assignmentId()));
                Thread thread = new Thread(run, "assignment-" + assignment.assignmentId());
                running.put(assignment.assignmentId(), new RunThread(run, thread));
                thread.start();
                LOG.info("accepted assignment {}: job {} ({}), tasks {}", assignment.assignmentId(),
                        assignment.job().id(), assignment.job().jobtype(), taskIds(assignment));
            }
        }
        refusal.ifPresent(reason -> {
            LOG.info("rejected assignment {}: {}", assignment.assignmentId(), reason);
            agent.reports().send(new AssignmentRejected(agent.agentId(), assignment.assignmentId(),
                    taskIds(assignment), reason, Instant.now()));
        });
    }

    private Optional<String> refusal(AssignTasks assignment, String unknownJobType) {
        if (!accepting) {
            return Optional.of("the agent is shutting down");
        }
        if (unknownJobType != null) {
            return Optional.of(unknownJobType);
        }
        if (!agent.config().allowSharing() && !running.isEmpty()) {
            return Optional.of("busy with assignment %s and agent_allow_sharing is off"
                    .formatted(running.keySet().iterator().next()));
        }
        return Optional.empty();
    }

    private void finished(UUID assignmentId) {
        boolean takesWork;
        synchronized (this) {
            running.remove(assignmentId);
            takesWork = accepting;
        }
        if (takesWork) {
            roomAgain.run();
        }
    }

    /**
     * Stops the given tasks wherever they run here, in the background (killing a tree can take the grace
     * period); returns whether any of them was found.
     */
    public boolean stop(Collection<Long> taskIds, StopTasks.Signal signal, String reason) {
        boolean found = false;
        for (RunThread entry : running.values()) {
            for (long taskId : taskIds) {
                if (entry.run().covers(taskId)) {
                    found = true;
                    stoppers.submit(() -> {
                        entry.run().stop(taskId, signal, reason);
                        return null;
                    });
                }
            }
        }
        return found;
    }

    /** Stops every task of the assignment holding {@code taskId} (PyFarm's DELETE /tasks/<id>); false if unknown. */
    public boolean stopAssignmentOf(long taskId, String reason) {
        for (RunThread entry : running.values()) {
            if (entry.run().covers(taskId)) {
                return stop(taskIds(entry.run().assignment()), StopTasks.Signal.TERM, reason);
            }
        }
        return false;
    }

    /** Takes no more work, stops everything running and waits up to {@code patience} for the runs to end. */
    public void shutdown(Duration patience) throws InterruptedException {
        List<RunThread> runs;
        synchronized (this) {
            accepting = false;
            runs = new ArrayList<>(running.values());
        }
        for (RunThread entry : runs) {
            stop(taskIds(entry.run().assignment()), StopTasks.Signal.TERM, "the agent is shutting down");
        }
        Instant deadline = Instant.now().plus(patience);
        for (RunThread entry : runs) {
            long left = Duration.between(Instant.now(), deadline).toMillis();
            if (left > 0) {
                entry.thread().join(left);
            }
        }
        stoppers.shutdown();
    }

    public List<AssignmentRun> runs() {
        return running.values().stream().map(RunThread::run).toList();
    }

    /** Ids of every task of every assignment here, running or waiting its turn. */
    public List<Long> taskIds() {
        return running.values().stream().flatMap(entry -> taskIds(entry.run().assignment()).stream()).toList();
    }

    public int cpusInUse() {
        return running.values().stream().mapToInt(entry -> entry.run().assignment().job().cpus()).sum();
    }

    private static List<Long> taskIds(AssignTasks assignment) {
        return assignment.tasks().stream().map(AssignTasks.Task::id).toList();
    }
}
