package dev.furrow.agent.sysinfo;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class FreeRamReportsTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void aChangeIsReportedOnceItIsLargeEnoughAndTheLastReportIsOldEnough() {
        FreeRamReports reports = new FreeRamReports(100, Duration.ofSeconds(10));
        assertThat(reports.due(5000, T0)).as("nothing reported yet: the announcement comes first").isFalse();
        reports.reported(5000, T0);

        assertThat(reports.due(4950, T0.plusSeconds(30))).as("50 MB is below the delta").isFalse();
        assertThat(reports.due(4880, T0.plusSeconds(5))).as("too soon after the last report").isFalse();
        assertThat(reports.due(4880, T0.plusSeconds(10))).isTrue();
        assertThat(reports.due(5120, T0.plusSeconds(10))).as("up as well as down").isTrue();

        reports.reported(4880, T0.plusSeconds(10));
        assertThat(reports.due(4900, T0.plusSeconds(30))).isFalse();
    }
}
