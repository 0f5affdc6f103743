package dev.furrow.scheduler.housekeeping;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class StalledTimeoutTextTest {

    @Test
    void theTimeoutIsWrittenAsConfigured() {
        assertThat(StopStalledTasks.describe(Duration.ofMinutes(30))).isEqualTo("30m");
        assertThat(StopStalledTasks.describe(Duration.ofHours(2))).isEqualTo("2h");
        assertThat(StopStalledTasks.describe(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThat(StopStalledTasks.describe(Duration.ofMillis(1500))).isEqualTo("1500ms");
    }
}
