package dev.furrow.api.jobs;

import dev.furrow.api.http.ApiException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Frame ranges, the job state roll-up and the frame number generator, without a database. */
class JobPureRulesTest {

    static FrameRange range(String start, String end, String by) {
        return new FrameRange(new BigDecimal(start), new BigDecimal(end), new BigDecimal(by));
    }

    @Test
    void aRangeCountsItsFramesIncludingTheEnd() {
        assertThat(range("1", "100000", "1").count()).isEqualTo(100_000);
        assertThat(range("1", "10", "3").count()).as("1, 4, 7, 10").isEqualTo(4);
        assertThat(range("1", "9", "3").count()).as("1, 4, 7").isEqualTo(3);
        assertThat(range("-1", "1", "0.5").count()).isEqualTo(5);
        assertThat(range("5", "5", "1").count()).isEqualTo(1);
    }

    @Test
    void impossibleRangesSayWhy() {
        assertThatThrownBy(() -> range("2", "1", "1")).isInstanceOf(ApiException.class).hasMessageContaining("before start");
        assertThatThrownBy(() -> range("1", "2", "0")).hasMessageContaining("greater than 0");
        assertThatThrownBy(() -> range("1", "2", "0.00001")).hasMessageContaining("decimal places");
        assertThatThrownBy(() -> range("0", "1000000", "1")).hasMessageContaining("between");
        assertThatThrownBy(() -> range("0", "2000", "0.001")).hasMessageContaining("at most");
    }

    @Test
    void theJobStateFollowsItsTasks() {
        assertThat(JobStateRollup.of("queued", Map.of("queued", 3L))).isEqualTo("queued");
        assertThat(JobStateRollup.of("queued", Map.of("queued", 2L, "running", 1L))).isEqualTo("running");
        assertThat(JobStateRollup.of("running", Map.of("queued", 2L, "done", 1L))).isEqualTo("running");
        assertThat(JobStateRollup.of("running", Map.of("done", 3L))).isEqualTo("done");
        assertThat(JobStateRollup.of("running", Map.of("done", 2L, "failed", 1L))).isEqualTo("failed");
        assertThat(JobStateRollup.of("paused", Map.of("running", 1L))).isEqualTo("paused");
        assertThat(JobStateRollup.of("done", Map.of("done", 2L, "queued", 1L))).as("a rerun frame reopens the job").isEqualTo("running");
    }

    @Test
    void theFrameGeneratorUsesJustEnoughDigits() {
        assertThat(TaskInserter.numbersBelow(1)).doesNotContain("CROSS JOIN");
        assertThat(TaskInserter.numbersBelow(10)).doesNotContain("CROSS JOIN");
        assertThat(TaskInserter.numbersBelow(11)).contains("d1.d * 10").doesNotContain("d2");
        assertThat(TaskInserter.numbersBelow(100_000)).contains("d4.d * 10000").doesNotContain("d5");
        assertThat(TaskInserter.numbersBelow(1_000_000)).contains("d5.d * 100000").doesNotContain("d6");
    }
}
