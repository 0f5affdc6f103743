package dev.furrow.messages;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * Every message that crosses the broker. The JSON form carries a {@code type} naming the record and a
 * {@code version} so that a newer reader can tell an older writer's message apart.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = AgentAnnounced.class, name = "agent.announced"),
        @JsonSubTypes.Type(value = AgentHeartbeat.class, name = "agent.heartbeat"),
        @JsonSubTypes.Type(value = AgentWentOffline.class, name = "agent.offline"),
        @JsonSubTypes.Type(value = WorkRequested.class, name = "agent.work-requested"),
        @JsonSubTypes.Type(value = TaskReported.class, name = "task.reported"),
        @JsonSubTypes.Type(value = TaskLogLines.class, name = "task.log-lines"),
        @JsonSubTypes.Type(value = AssignmentRejected.class, name = "assignment.rejected"),
        @JsonSubTypes.Type(value = AgentReports.class, name = "agent.reports"),
        @JsonSubTypes.Type(value = AssignTasks.class, name = "assign-tasks"),
        @JsonSubTypes.Type(value = StopTasks.class, name = "stop-tasks"),
        @JsonSubTypes.Type(value = JobChanged.class, name = "job.changed"),
})
public sealed interface FarmMessage
        permits AgentReport, AssignTasks, StopTasks, JobChanged {

    /** Schema version of the record; bump it when a field changes meaning. */
    @JsonProperty("version")
    default int schemaVersion() {
        return 1;
    }
}
