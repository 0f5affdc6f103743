package dev.furrow.messages;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;

import java.io.IOException;
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

    /** Competing-consumer queue of all agent reports, read by the scheduler-workers. */
    public String schedulerRepliesQueue() {
        return namespace + ".scheduler.replies";
    }

    /** Competing-consumer queue of job events, read by the scheduler-workers. */
    public String schedulerJobsQueue() {
        return namespace + ".scheduler.jobs";
    }

    /** Declares the exchanges every component publishes to; idempotent. */
    public void declareExchanges(Channel channel) throws IOException {
        channel.exchangeDeclare(jobsExchange(), BuiltinExchangeType.TOPIC, true);
        channel.exchangeDeclare(repliesExchange(), BuiltinExchangeType.TOPIC, true);
        channel.exchangeDeclare(agentsExchange(), BuiltinExchangeType.DIRECT, true);
    }

    /** Declares the scheduler's two queues and binds them; idempotent. */
    public void declareSchedulerQueues(Channel channel) throws IOException {
        declareExchanges(channel);
        channel.queueDeclare(schedulerRepliesQueue(), true, false, false, Map.of());
        channel.queueBind(schedulerRepliesQueue(), repliesExchange(), "#");
        channel.queueDeclare(schedulerJobsQueue(), true, false, false, Map.of());
        channel.queueBind(schedulerJobsQueue(), jobsExchange(), "#");
    }

    /** Declares one agent's durable command queue; idempotent. */
    public void declareAgentQueue(Channel channel, UUID agentId) throws IOException {
        declareExchanges(channel);
        channel.queueDeclare(agentQueue(agentId), true, false, false, Map.of());
        channel.queueBind(agentQueue(agentId), agentsExchange(), agentId.toString());
    }
}
