package dev.furrow.scheduler;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

public final class Prof {
    static final ConcurrentHashMap<String, AtomicLong[]> M = new ConcurrentHashMap<>();
    static long last = System.nanoTime();
    public static void add(String k, long nanos, long n) {
        AtomicLong[] a = M.computeIfAbsent(k, x -> new AtomicLong[]{new AtomicLong(), new AtomicLong(), new AtomicLong()});
        a[0].addAndGet(nanos); a[1].incrementAndGet(); a[2].addAndGet(n);
        long now = System.nanoTime();
        if (now - last > 5_000_000_000L) {
            synchronized (M) {
                if (now - last > 5_000_000_000L) {
                    StringBuilder sb = new StringBuilder("PROF ");
                    M.forEach((key, v) -> sb.append(key).append(": calls=").append(v[1].get()).append(" avg_ms=")
                        .append(String.format("%.2f", v[0].get() / 1e6 / Math.max(1, v[1].get()))).append(" items=").append(v[2].get()).append(" | "));
                    System.err.println(sb);
                    M.clear();
                    last = now;
                }
            }
        }
    }
}
