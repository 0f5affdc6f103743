package dev.furrow.messages;

import java.util.UUID;

/** A message an agent publishes to the replies exchange. The routing key groups reports by kind. */
public sealed interface AgentReport extends FarmMessage
        permits AgentAnnounced, AgentHeartbeat, AgentWentOffline, WorkRequested, TaskReported, TaskLogLines,
        AssignmentRejected, AgentReports {

    UUID agentId();

    String routingKey();
}
