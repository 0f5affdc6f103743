package dev.furrow.scheduler.ingest;

import dev.furrow.messages.TaskLogLines;
import dev.furrow.messages.amqp.BatchSubscription.Delivery;
import dev.furrow.scheduler.sql.Transactor;
import dev.furrow.store.logs.TaskLogFiles;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Stores the task log chunks of the scheduler's logs queue, a batch of deliveries in one transaction
 * ({@link AppendTaskLog} each, in arrival order); if that fails, chunk by chunk so that one bad chunk holds back
 * no other.
 */
@Singleton
public final class TaskLogIngestor {

    private static final Logger LOG = LoggerFactory.getLogger(TaskLogIngestor.class);

    private final Transactor transactor;
    private final TaskLogFiles files;
    private final RecentlyHeard recentlyHeard = new RecentlyHeard();

    public TaskLogIngestor(Transactor transactor, TaskLogFiles files) {
        this.transactor = transactor;
        this.files = files;
    }

    /** Stores the chunks in order; returns the deliveries whose chunk could not be stored. */
    public Set<Delivery> apply(List<Delivery> deliveries) {
        List<TaskLogLines> chunks = deliveries.stream()
                .filter(d -> d.message() instanceof TaskLogLines)
                .map(d -> (TaskLogLines) d.message()).toList();
        if (chunks.size() > 1) {
            try {
                store(chunks);
                return Set.of();
            } catch (RuntimeException e) {
                LOG.warn("a batch of {} log chunks failed; storing them one by one", chunks.size(), e);
            }
        }
        Set<Delivery> failed = new HashSet<>();
        for (Delivery d : deliveries) {
            if (!(d.message() instanceof TaskLogLines chunk)) {
                LOG.warn("ignoring a {} on the logs queue", d.message().getClass().getSimpleName());
                continue;
            }
            try {
                store(List.of(chunk));
            } catch (RuntimeException e) {
                LOG.warn("log chunk of {} (line {}) could not be stored", chunk.identifier(), chunk.firstLine(), e);
                failed.add(d);
            }
        }
        return failed;
    }

    /** Stores chunks in one transaction. */
    public void store(List<TaskLogLines> chunks) {
        LogAppends appends = new LogAppends(files);
        Instant now = Instant.now();
        try {
            transactor.inTransaction(c -> {
                appends.undo(); // what an earlier attempt of this transaction (a deadlock retry) appended
                Set<UUID> agents = new TreeSet<>(chunks.stream().map(TaskLogLines::agentId).toList());
                Set<UUID> known = KnownAgents.among(c, agents);
                recentlyHeard.touch(c, known, now);
                for (TaskLogLines chunk : chunks) {
                    AppendTaskLog.apply(c, appends, chunk, known.contains(chunk.agentId()), now);
                }
                return null;
            });
            appends.keep();
        } catch (RuntimeException e) {
            appends.undo();
            throw e;
        }
    }
}
