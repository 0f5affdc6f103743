package dev.furrow.scheduler.dispatch;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.DoubleStream;

import static org.assertj.core.api.Assertions.assertThat;

class BatchPickerTest {

    static List<BatchPicker.Candidate> frames(double... frames) {
        return DoubleStream.of(frames).mapToObj(f -> new BatchPicker.Candidate((long) (f * 10),
                new BigDecimal(String.valueOf(f)).setScale(4), null, 0)).toList();
    }

    static List<Double> picked(List<BatchPicker.Candidate> batch) {
        return batch.stream().map(c -> c.frame().doubleValue()).toList();
    }

    @Test
    void theBatchSizeIsTheJobsBatchCappedByMaxBatch() {
        assertThat(BatchPicker.batchSize(5, 10)).isEqualTo(5);
        assertThat(BatchPicker.batchSize(25, 10)).isEqualTo(10);
        assertThat(BatchPicker.batchSize(25, null)).isEqualTo(25);
        assertThat(BatchPicker.batchSize(0, 10)).isEqualTo(1);
    }

    @Test
    void contiguousBatchesStopAtTheFirstMissingFrame() {
        var one = BigDecimal.ONE;
        assertThat(picked(BatchPicker.pick(frames(1, 2, 3, 4), 3, true, one))).containsExactly(1.0, 2.0, 3.0);
        assertThat(picked(BatchPicker.pick(frames(1, 3, 4), 3, true, one))).containsExactly(1.0);
        assertThat(picked(BatchPicker.pick(frames(1, 3, 4), 3, false, one))).containsExactly(1.0, 3.0, 4.0);
    }

    @Test
    void contiguityFollowsTheJobsStep() {
        var step = new BigDecimal("0.5");
        assertThat(picked(BatchPicker.pick(frames(1, 1.5, 2, 3), 4, true, step))).containsExactly(1.0, 1.5, 2.0);
    }

    @Test
    void nothingQueuedMeansAnEmptyBatch() {
        assertThat(BatchPicker.pick(List.of(), 3, true, BigDecimal.ONE)).isEmpty();
    }
}
