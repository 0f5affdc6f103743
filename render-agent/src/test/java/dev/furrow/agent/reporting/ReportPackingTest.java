package dev.furrow.agent.reporting;

import dev.furrow.messages.AgentReport;
import dev.furrow.messages.AgentReports;
import dev.furrow.messages.TaskLogLines;
import dev.furrow.messages.TaskReported;
import dev.furrow.messages.WorkRequested;
import dev.furrow.messages.WorkState;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ReportPackingTest {

    private final UUID agent = UUID.randomUUID();
    private final Instant now = Instant.now();

    private TaskReported state(long task, long sequence, WorkState state) {
        return new TaskReported(agent, 1, task, 1, sequence, state, null, null, now);
    }

    private TaskLogLines lines(long first) {
        return new TaskLogLines(agent, 1, List.of(7L), 1, "log.csv", first, "x\n", false, now);
    }

    @Test
    void reportsWaitingTogetherTravelInOneMessageInOrder() {
        List<AgentReport> waiting = List.of(state(7, 1, WorkState.RUNNING), state(7, 2, WorkState.DONE),
                new WorkRequested(agent, 2, 1024, now));

        List<AgentReport> messages = ReportPacking.pack(waiting);

        assertThat(messages).hasSize(1);
        assertThat(((AgentReports) messages.get(0)).reports()).containsExactlyElementsOf(waiting);
        assertThat(messages.get(0).agentId()).isEqualTo(agent);
    }

    @Test
    void logLinesGoAloneAndKeepTheirPlace() {
        TaskReported running = state(7, 1, WorkState.RUNNING);
        TaskLogLines first = lines(1);
        TaskReported done = state(7, 2, WorkState.DONE);
        WorkRequested more = new WorkRequested(agent, 2, 1024, now);

        List<AgentReport> messages = ReportPacking.pack(List.of(running, first, done, more));

        assertThat(messages).hasSize(3);
        assertThat(messages.get(0)).isEqualTo(running);
        assertThat(messages.get(1)).isEqualTo(first);
        assertThat(((AgentReports) messages.get(2)).reports()).containsExactly(done, more);
    }
}
