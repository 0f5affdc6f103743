package dev.furrow.agent.reporting;

import dev.furrow.messages.AgentReport;
import dev.furrow.messages.TaskLogLines;
import dev.furrow.messages.amqp.Broker;
import dev.furrow.messages.amqp.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The agent's outbox to the replies exchange. {@link #send} never waits for the broker: reports are queued and
 * one sender thread publishes them in order ({@link ReportPacking}: what waits together travels together), removing
 * them only once the broker confirmed them. While the broker
 * is away the queue grows in memory up to a limit, then in an append-only spool file on disk; tasks keep running
 * and everything is delivered in order once the connection is back (or on the next start). Advisory reports
 * (progress, heartbeats) go through {@link #offer}, which drops them while the broker is away: the next one says more.
 * The spool file is bounded ({@link SpoolBudget}): in a very long outage log chunks stop first (the log stays on the
 * agent), and state reports are dropped, each with an error in the agent's log, only once the spool is full.
 */
public final class Reports implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Reports.class);
    private static final int BATCH = 100;
    private static final int SPOOL_READ_BYTES = 256 * 1024;
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);

    private final Publisher publisher;
    private final String exchange;
    private final long memoryLimitBytes;
    private final ReportSpool spool;
    private final SpoolBudget spoolBudget;
    private final Deque<Queued> memory = new ArrayDeque<>();
    private final Thread sender;
    private long memoryBytes;
    private boolean failing;
    private boolean closed;

    private record Queued(AgentReport report, int bytes) {
    }

    /**
     * {@code spoolFile} keeps what does not fit in {@code memoryLimitBytes}, up to {@code spoolLimitBytes}; what a
     * previous run left in it is sent first.
     */
    public Reports(Broker broker, Path spoolFile, long memoryLimitBytes, long spoolLimitBytes) {
        this.publisher = new Publisher(broker);
        this.exchange = broker.topology().repliesExchange();
        this.memoryLimitBytes = memoryLimitBytes;
        this.spool = new ReportSpool(spoolFile);
        this.spoolBudget = new SpoolBudget(spoolLimitBytes);
        if (!spool.isEmpty()) {
            LOG.info("the report spool {} holds reports of an earlier run; they are sent first", spoolFile);
        }
        this.sender = new Thread(this::deliverForever, "report-sender");
        this.sender.setDaemon(true);
        this.sender.start();
    }

    /**
     * Queues a report that must reach the master, for delivery in order; never waits for the broker. Lost only when
     * the spool is full (--spool-limit), and then with an error in the agent's log.
     */
    public synchronized void send(AgentReport report) {
        queue(report, SpoolBudget.Kind.STATE);
    }

    /**
     * Queues a log chunk. While the broker is reachable and merely slower than the caller, first waits for the
     * memory queue to have room (log chunks read back from a file need not pile up twice); never waits while the
     * broker is away. Returns false when the spool has no room left for log chunks: the caller stops streaming
     * that log (a later chunk would leave a gap), whose file stays on the agent.
     */
    public synchronized boolean sendPaced(TaskLogLines chunk) throws InterruptedException {
        while (!closed && !failing && memoryBytes > memoryLimitBytes) {
            wait(200);
        }
        return queue(chunk, SpoolBudget.Kind.LOG_CHUNK);
    }

    /**
     * Queues an advisory report only while the broker is reachable (the last delivery worked and nothing waits
     * on disk); returns whether it was queued. Progress superseded by a later report, or a heartbeat while the
     * agent cannot reach the master, is worth nothing.
     */
    public synchronized boolean offer(AgentReport report) {
        if (closed || failing || !spool.isEmpty()) {
            return false;
        }
        return queue(report, SpoolBudget.Kind.ADVISORY);
    }

    private boolean queue(AgentReport report, SpoolBudget.Kind kind) {
        if (closed) {
            throw new IllegalStateException("the agent's outbox is closed; " + report.getClass().getSimpleName() + " not sent");
        }
        int bytes = estimatedBytes(report);
        if (spool.isEmpty() && (memoryBytes + bytes <= memoryLimitBytes || memory.isEmpty())) {
            memory.addLast(new Queued(report, bytes));
            memoryBytes += bytes;
            notifyAll();
            return true;
        }
        byte[] line = ReportSpool.line(report);
        long spooled = spool.pendingBytes();
        if (!spoolBudget.admits(kind, spooled, line.length)) {
            refused(report, kind, spooled);
            return false;
        }
        spool.append(line);
        notifyAll();
        return true;
    }

    private void refused(AgentReport report, SpoolBudget.Kind kind, long spooled) {
        String full = "the report spool %s holds %d MB of the %d MB --spool-limit".formatted(spool.file(),
                spooled >> 20, spoolBudget.limitBytes() >> 20);
        switch (kind) {
            case STATE -> LOG.error("{}, so this report is lost: {}. The master requeues a task whose final state it "
                    + "never hears once the agent's heartbeats stop listing it", full, report);
            case LOG_CHUNK -> {
                TaskLogLines chunk = (TaskLogLines) report;
                LOG.warn("{}: task log {} is not streamed to the master from line {} on; the whole log stays on this "
                        + "agent (GET /api/v1/tasklogs/{})", full, chunk.identifier(), chunk.firstLine(), chunk.identifier());
            }
            case ADVISORY -> LOG.debug("{}: {} dropped", full, report.getClass().getSimpleName());
        }
    }

    /** Waits up to {@code patience} for everything queued to be confirmed; returns whether it was. */
    public synchronized boolean flush(Duration patience) throws InterruptedException {
        Instant deadline = Instant.now().plus(patience);
        while (!memory.isEmpty() || !spool.isEmpty()) {
            long left = Duration.between(Instant.now(), deadline).toMillis();
            if (left <= 0) {
                return false;
            }
            wait(Math.min(left, 200));
        }
        return true;
    }

    /** How many reports wait for the broker (memory and spool file; the spool counts as at least one). */
    public synchronized int backlog() {
        return memory.size() + (spool.isEmpty() ? 0 : 1);
    }

    public Path spoolFile() {
        return spool.file();
    }

    private void deliverForever() {
        try {
            while (true) {
                List<AgentReport> batch = nextBatch();
                if (batch == null) {
                    return;
                }
                deliver(batch);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The oldest reports waiting, without removing them; null once closed. */
    private synchronized List<AgentReport> nextBatch() throws InterruptedException {
        while (!closed) {
            if (memory.isEmpty() && !spool.isEmpty()) {
                for (AgentReport report : spool.take(SPOOL_READ_BYTES)) {
                    int bytes = estimatedBytes(report);
                    memory.addLast(new Queued(report, bytes));
                    memoryBytes += bytes;
                }
            }
            if (!memory.isEmpty()) {
                List<AgentReport> batch = new ArrayList<>(BATCH);
                for (Queued queued : memory) {
                    if (batch.size() == BATCH) {
                        break;
                    }
                    batch.add(queued.report());
                }
                return batch;
            }
            wait();
        }
        return null;
    }

    private void deliver(List<AgentReport> batch) throws InterruptedException {
        List<Publisher.Outgoing> outgoing = ReportPacking.pack(batch).stream()
                .map(report -> new Publisher.Outgoing(exchange, report.routingKey(), report)).toList();
        try {
            publisher.publishAll(outgoing);
        } catch (Broker.BrokerUnavailable e) {
            synchronized (this) {
                if (!failing) {
                    LOG.warn("the broker is unreachable ({}); {} report(s) wait, in memory and in {}",
                            e.getMessage(), memory.size(), spool.file());
                }
                failing = true;
            }
            Thread.sleep(RETRY_PAUSE.toMillis());
            return;
        }
        synchronized (this) {
            for (int i = 0; i < batch.size(); i++) {
                memoryBytes -= memory.removeFirst().bytes();
            }
            if (failing) {
                LOG.info("the broker is back; delivering the waiting reports in order");
            }
            failing = false;
            notifyAll();
        }
    }

    private static int estimatedBytes(AgentReport report) {
        return report instanceof TaskLogLines lines ? 512 + lines.csv().length() : 512;
    }

    /** Stops the sender and keeps whatever was not delivered in the spool file, for the next start. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            notifyAll();
        }
        sender.interrupt();
        try {
            sender.join(Duration.ofSeconds(15).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            List<AgentReport> unsent = memory.stream().map(Queued::report).toList();
            spool.prepend(unsent);
            if (!unsent.isEmpty() || !spool.isEmpty()) {
                LOG.warn("{} report(s) not delivered; kept in {} for the next start", unsent.size(), spool.file());
            }
            memory.clear();
        }
        publisher.close();
    }
}
