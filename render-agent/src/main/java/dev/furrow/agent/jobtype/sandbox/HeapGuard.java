package dev.furrow.agent.jobtype.sandbox;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryNotificationInfo;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bounds what scripts keep between hook calls. GraalJS community cannot limit a context's heap, and a script that
 * stores every output line would run the whole agent out of memory; everything else in the agent is bounded by
 * design, so when the old generation is still more than {@link #OLD_GENERATION_SHARE} full after a garbage
 * collection, every open script sandbox is stopped (their tasks fail saying so) and the memory they held is freed.
 */
final class HeapGuard {

    static final double OLD_GENERATION_SHARE = 0.75;
    private static final Set<GraalSandbox> OPEN = ConcurrentHashMap.newKeySet();
    private static boolean installed;

    private HeapGuard() {
    }

    static void watch(GraalSandbox sandbox) {
        install();
        OPEN.add(sandbox);
    }

    static void forget(GraalSandbox sandbox) {
        OPEN.remove(sandbox);
    }

    private static synchronized void install() {
        if (installed) {
            return;
        }
        installed = true;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            long max = pool.getUsage().getMax();
            if (pool.getType() == MemoryType.HEAP && pool.isCollectionUsageThresholdSupported() && max > 0
                    && (pool.getName().contains("Old") || pool.getName().contains("Tenured"))) {
                pool.setCollectionUsageThreshold((long) (max * OLD_GENERATION_SHARE));
            }
        }
        ((NotificationEmitter) ManagementFactory.getMemoryMXBean()).addNotificationListener((notification, handback) -> {
            if (MemoryNotificationInfo.MEMORY_COLLECTION_THRESHOLD_EXCEEDED.equals(notification.getType())) {
                MemoryNotificationInfo info = MemoryNotificationInfo.from((CompositeData) notification.getUserData());
                String reason = ("was stopped: the agent's heap (%s) was still %d of %d MB full after a garbage collection, "
                        + "so every script sandbox was closed; scripts must not keep that much between hook calls")
                        .formatted(info.getPoolName(), info.getUsage().getUsed() >> 20, info.getUsage().getMax() >> 20);
                // Closing cancels running calls and waits for them: not on the JVM's notification thread.
                GraalSandbox.WATCHDOG.execute(() -> OPEN.forEach(sandbox -> sandbox.stop(reason)));
            }
        }, null, null);
    }
}
