package dev.furrow.messages;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Names of every exchange and queue, under one namespace so that several farms (or test classes) can share a
 * broker. Only features that both RabbitMQ and the embedded Qpid broker support are used: durable topic and
 * direct exchanges, durable classic queues without arguments.
 */
public record Topology(String namespace) {

    public static final String DEFAULT_NAMESPACE = "furrow";

    public Topology {
        if (namespace == null || !namespace.matches("[A-Za-z0-9_.-]{1,100}")) {
            throw new IllegalArgumentException("AMQP namespace must be 1-100 letters, digits, '.', '_' or '-': " + namespace);
        }
    }

    /** Topic exchange for job events published by the api-server. */
    public String jobsExchange() {
        return namespace + ".jobs";
    }

    /** Topic exchange agents publish their reports to. */
    public String repliesExchange() {
        return namespace + ".replies";
    }

    /** Direct exchange carrying commands to one agent; the routing key is the agent id. */
    public String agentsExchange() {
        return namespace + ".agents";
    }

    public String agentQueue(UUID agentId) {
        return namespace + ".agent." + agentId;
    }

    /** Competing-consumer queue of agent reports other than log lines, read by the scheduler-workers. */
    public String schedulerRepliesQueue() {
        return namespace + ".scheduler.replies";
    }

    /**
     * Competing-consumer queue of task log chunks, read by the scheduler-workers apart from the other reports so
     * that writing logs never delays a dispatch decision.
     */
    public String schedulerLogsQueue() {
        return namespace + ".scheduler.logs";
    }

    /** Competing-consumer queue of job events, read by the scheduler-workers. */
    public String schedulerJobsQueue() {
        return namespace + ".scheduler.jobs";
    }

    /** Every queue the scheduler-workers consume. */
    public List<String> schedulerQueues() {
        return List.of(schedulerRepliesQueue(), schedulerLogsQueue(), schedulerJobsQueue());
    }

    /** Declares the exchanges every component publishes to; idempotent. */
    public void declareExchanges(Channel channel) throws IOException {
        channel.exchangeDeclare(jobsExchange(), BuiltinExchangeType.TOPIC, true);
        channel.exchangeDeclare(repliesExchange(), BuiltinExchangeType.TOPIC, true);
        channel.exchangeDeclare(agentsExchange(), BuiltinExchangeType.DIRECT, true);
    }

    /** Declares the scheduler's three queues and binds them; idempotent. */
    public void declareSchedulerQueues(Channel channel) throws IOException {
        declareExchanges(channel);
        channel.queueDeclare(schedulerRepliesQueue(), true, false, false, Map.of());
        for (String routingKey : List.of("agent.*", TaskReported.ROUTING_KEY, "assignment.*")) {
            channel.queueBind(schedulerRepliesQueue(), repliesExchange(), routingKey);
        }
        channel.queueDeclare(schedulerLogsQueue(), true, false, false, Map.of());
        channel.queueBind(schedulerLogsQueue(), repliesExchange(), TaskLogLines.ROUTING_KEY);
        channel.queueDeclare(schedulerJobsQueue(), true, false, false, Map.of());
        channel.queueBind(schedulerJobsQueue(), jobsExchange(), "#");
    }

    /** Declares one agent's durable command queue; idempotent. */
    public void declareAgentQueue(Channel channel, UUID agentId) throws IOException {
        declareExchanges(channel);
        channel.queueDeclare(agentQueue(agentId), true, false, false, Map.of());
        channel.queueBind(agentQueue(agentId), agentsExchange(), agentId.toString());
    }

    /**
     * Deletes the scheduler queues and the exchanges of this namespace: for throw-away namespaces (tests,
     * benchmarks), whose durable queues would otherwise outlive them on a shared broker.
     */
    public void deleteNamespace(Channel channel) throws IOException {
        for (String queue : schedulerQueues()) {
            channel.queueDelete(queue);
        }
        channel.exchangeDelete(jobsExchange());
        channel.exchangeDelete(repliesExchange());
        channel.exchangeDelete(agentsExchange());
    }
}
