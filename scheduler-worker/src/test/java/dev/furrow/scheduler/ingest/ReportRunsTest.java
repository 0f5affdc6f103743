package dev.furrow.scheduler.ingest;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReportRunsTest {

    private static List<List<String>> split(List<String> deliveries, int max) {
        return ReportRuns.split(deliveries, d -> d.startsWith("r"), max);
    }

    @Test
    void consecutiveTaskReportsFormOneRun() {
        assertThat(split(List.of("r1", "r2", "r3"), 10)).containsExactly(List.of("r1", "r2", "r3"));
    }

    @Test
    void anyOtherMessageStandsAloneAndKeepsItsPlace() {
        assertThat(split(List.of("r1", "r2", "work", "r3", "beat", "log"), 10)).containsExactly(
                List.of("r1", "r2"), List.of("work"), List.of("r3"), List.of("beat"), List.of("log"));
    }

    @Test
    void runsAreCutAtTheBatchSize() {
        assertThat(split(List.of("r1", "r2", "r3", "r4", "r5"), 2)).containsExactly(
                List.of("r1", "r2"), List.of("r3", "r4"), List.of("r5"));
    }
}
