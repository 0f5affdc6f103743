package dev.furrow.messages;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonTest {

    @Test
    void messagesRoundTripWithTypeAndVersion() {
        var report = new TaskReported(UUID.randomUUID(), 1, 2, 3, 4, WorkState.DONE, 1.0, null,
                Instant.parse("2026-01-02T03:04:05Z"));
        byte[] bytes = Json.encode(report);
        String text = new String(bytes, StandardCharsets.UTF_8);

        assertThat(text).contains("\"type\":\"task.reported\"", "\"version\":1", "\"state\":\"done\"");
        assertThat(Json.decode(bytes)).isEqualTo(report);
    }

    @Test
    void reportsTravellingTogetherKeepTheirTypesAndOrder() {
        UUID agent = UUID.randomUUID();
        Instant at = Instant.parse("2026-01-02T03:04:05Z");
        var together = new AgentReports(agent, List.of(
                new TaskReported(agent, 1, 2, 1, 1, WorkState.RUNNING, 0.0, null, at),
                new TaskReported(agent, 1, 2, 1, 2, WorkState.DONE, 1.0, null, at),
                new WorkRequested(agent, 4, 2048, at)), at);

        FarmMessage decoded = Json.decode(Json.encode(together));

        assertThat(decoded).isEqualTo(together);
        assertThat(((AgentReports) decoded).reports()).extracting(r -> r.getClass().getSimpleName())
                .containsExactly("TaskReported", "TaskReported", "WorkRequested");
    }

    @Test
    void logLinesDoNotTravelWithOtherReports() {
        UUID agent = UUID.randomUUID();
        var lines = new TaskLogLines(agent, 1, List.of(2L), 1, "x.csv", 1, "", true, Instant.now());
        assertThatThrownBy(() -> new AgentReports(agent, List.of(lines), Instant.now()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unknownFieldsFromNewerWritersAreIgnored() {
        String json = """
                {"type":"agent.offline","version":2,"agentId":"%s","at":"2026-01-01T00:00:00Z","newField":1}"""
                .formatted(UUID.randomUUID());
        assertThat(Json.decode(json.getBytes(StandardCharsets.UTF_8))).isInstanceOf(AgentWentOffline.class);
    }

    @Test
    void garbageIsAMalformedMessage() {
        assertThatThrownBy(() -> Json.decode("{\"type\":\"nope\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(Json.MalformedMessage.class);
    }

    @Test
    void jobChangeRoutingKeysAreDotted() {
        var changed = new JobChanged(1, JobChanged.Change.TASKS_CANCELLED, List.of(5L), Instant.now());
        assertThat(changed.routingKey()).isEqualTo("job.tasks-cancelled");
    }
}
