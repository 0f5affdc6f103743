package dev.furrow.agent.reporting;

import dev.furrow.messages.AgentReport;
import dev.furrow.messages.TaskReported;
import dev.furrow.messages.WorkState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ReportSpoolTest {

    private static final UUID AGENT = UUID.randomUUID();

    @TempDir
    Path dir;

    @Test
    void reportsComeBackInTheOrderTheyWereAppendedAndTheFileIsEmptiedOnceRead() throws Exception {
        ReportSpool spool = new ReportSpool(dir.resolve("spool/reports.spool"));
        for (int sequence = 1; sequence <= 50; sequence++) {
            spool.append(ReportSpool.line(report(sequence)));
        }
        List<Long> read = new ArrayList<>();
        while (!spool.isEmpty()) {
            spool.take(2000).forEach(report -> read.add(((TaskReported) report).sequence()));
        }
        assertThat(read).hasSize(50).isSorted().startsWith(1L).endsWith(50L);
        assertThat(Files.size(spool.file())).isZero();
    }

    @Test
    void unsentReportsFromMemoryGoInFrontOfTheUnreadRestAndSurviveARestart() throws Exception {
        Path file = dir.resolve("reports.spool");
        ReportSpool spool = new ReportSpool(file);
        spool.append(ReportSpool.line(report(3)));
        spool.append(ReportSpool.line(report(4)));
        spool.append(ReportSpool.line(report(5)));
        assertThat(spool.take(1)).extracting(r -> ((TaskReported) r).sequence()).containsExactly(3L);

        spool.prepend(List.of(report(1), report(2)));

        ReportSpool afterRestart = new ReportSpool(file);
        assertThat(afterRestart.take(1 << 20)).extracting(r -> ((TaskReported) r).sequence()).containsExactly(1L, 2L, 4L, 5L);
    }

    @Test
    void aLineCutShortByACrashIsDropped() throws Exception {
        Path file = dir.resolve("reports.spool");
        ReportSpool spool = new ReportSpool(file);
        spool.append(ReportSpool.line(report(1)));
        Files.writeString(file, "{\"type\":\"TaskRep", StandardOpenOption.APPEND);
        assertThat(spool.take(1 << 20)).hasSize(1);
        assertThat(spool.take(1 << 20)).isEmpty();
        assertThat(spool.isEmpty()).isTrue();
    }

    @Test
    void stateReportsHaveTheLastQuarterOfTheSpoolToThemselves() {
        SpoolBudget budget = new SpoolBudget(1000);
        assertThat(budget.admits(SpoolBudget.Kind.LOG_CHUNK, 600, 150)).isTrue();
        assertThat(budget.admits(SpoolBudget.Kind.LOG_CHUNK, 700, 100)).as("past 3/4").isFalse();
        assertThat(budget.admits(SpoolBudget.Kind.ADVISORY, 700, 100)).isFalse();
        assertThat(budget.admits(SpoolBudget.Kind.STATE, 700, 300)).isTrue();
        assertThat(budget.admits(SpoolBudget.Kind.STATE, 900, 101)).as("full").isFalse();
    }

    private static AgentReport report(long sequence) {
        return new TaskReported(AGENT, 1, 2, 1, sequence, WorkState.RUNNING, 0.5, null, Instant.now());
    }
}
