package dev.furrow.bench.dispatch;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.MessageProperties;
import dev.furrow.messages.AgentAnnounced;
import dev.furrow.messages.AgentReport;
import dev.furrow.messages.AgentReports;
import dev.furrow.messages.AgentState;
import dev.furrow.messages.AssignTasks;
import dev.furrow.messages.FarmMessage;
import dev.furrow.messages.Json;
import dev.furrow.messages.TaskReported;
import dev.furrow.messages.Topology;
import dev.furrow.messages.WorkRequested;
import dev.furrow.messages.WorkState;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * An agent that speaks the real protocol over the real broker but runs zero-length tasks: on AssignTasks it
 * reports every task running (sequence 1) and done (sequence 2) under the task's attempt, then asks for work
 * again, all in one {@link AgentReports} message, as the render agent's outbox sends reports that pile up while
 * it publishes. Publishes without publisher confirms (the broker still keeps per-channel order, which is all the
 * worker needs: announce before work request, running before done).
 */
final class SimulatedAgent {

    private static final AMQP.BasicProperties PERSISTENT_JSON =
            MessageProperties.PERSISTENT_BASIC.builder().contentType("application/json").build();

    private final UUID id = UUID.randomUUID();
    private final Channel channel;
    private final Topology topology;
    private final DispatchStats stats;
    private volatile long workRequestedAt;

    SimulatedAgent(Channel channel, Topology topology, DispatchStats stats) {
        this.channel = channel;
        this.topology = topology;
        this.stats = stats;
    }

    UUID id() {
        return id;
    }

    /** Declares and consumes its queue, announces itself and asks for work, like a starting agent. */
    void start(int number) throws IOException {
        topology.declareAgentQueue(channel, id);
        channel.basicConsume(topology.agentQueue(id), true, new DefaultConsumer(channel) {
            @Override
            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body)
                    throws IOException {
                received(Json.decode(body));
            }
        });
        Instant now = Instant.now();
        publish(new AgentAnnounced(id, "sim-agent-" + number, "bench", 50000, "127.0.0.1", 2, 8192, 8192,
                "simulated cpu", "linux", "Linux (simulated)", "bench", 0.0, AgentState.ONLINE,
                List.of(new AgentAnnounced.Disk("/", 100L << 30, 50L << 30)), List.of(), List.of(), List.of(), now));
        requestWork();
    }

    private void received(FarmMessage message) throws IOException {
        if (!(message instanceof AssignTasks assignment)) {
            return; // StopTasks for zero-length tasks: they are already done
        }
        long requested = workRequestedAt;
        if (requested != 0) {
            stats.assignmentReceived(System.nanoTime() - requested);
        }
        Instant now = Instant.now();
        long jobId = assignment.job().id();
        List<AgentReport> reports = new ArrayList<>();
        for (AssignTasks.Task task : assignment.tasks()) {
            reports.add(new TaskReported(id, jobId, task.id(), task.attempt(), 1, WorkState.RUNNING, 0.0, null, now));
            reports.add(new TaskReported(id, jobId, task.id(), task.attempt(), 2, WorkState.DONE, 1.0, null, now));
        }
        stats.tasksReportedDone(assignment.tasks().size());
        if (stats.running()) {
            reports.add(workRequest());
        }
        publish(new AgentReports(id, reports, now));
    }

    private void requestWork() throws IOException {
        publish(workRequest());
    }

    private WorkRequested workRequest() {
        workRequestedAt = System.nanoTime();
        return new WorkRequested(id, 2, 8192, Instant.now());
    }

    private void publish(AgentReport report) throws IOException {
        channel.basicPublish(topology.repliesExchange(), report.routingKey(), PERSISTENT_JSON, Json.encode(report));
    }
}
