package dev.furrow.bench.report;

import java.util.Arrays;

/** Durations in nanoseconds, collected from many threads, with percentiles in milliseconds. */
public final class Samples {

    private long[] values = new long[1024];
    private int size;

    public synchronized void add(long nanos) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = nanos;
    }

    public synchronized int count() {
        return size;
    }

    /** The {@code p}-th percentile (0..100, nearest rank) in milliseconds; NaN when empty. */
    public synchronized double percentileMillis(double p) {
        if (size == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * size);
        return sorted[Math.max(0, Math.min(size - 1, rank - 1))] / 1e6;
    }

    public synchronized double minMillis() {
        return percentileMillis(0);
    }
}
