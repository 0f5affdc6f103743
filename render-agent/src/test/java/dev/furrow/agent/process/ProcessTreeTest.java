package dev.furrow.agent.process;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class ProcessTreeTest {

    @Test
    void terminateEndsEveryProcessOfTheTree() throws Exception {
        Process root = new ProcessBuilder("sh", "-c", "sleep 300 & (sleep 301 & wait) & wait").start();
        Set<Long> pids = awaitTreeOf(root, 4);

        new ProcessTree(root.toHandle()).terminate(Duration.ofSeconds(5));

        assertThat(pids).noneMatch(ProcessTreeTest::alive);
    }

    @Test
    void processesIgnoringTermAreKilledAfterTheGracePeriod() throws Exception {
        Process root = new ProcessBuilder("sh", "-c", "trap '' TERM; sleep 300 & sleep 301 & wait").start();
        Set<Long> pids = awaitTreeOf(root, 3);
        Instant started = Instant.now();

        new ProcessTree(root.toHandle()).terminate(Duration.ofMillis(500));

        assertThat(Duration.between(started, Instant.now())).isGreaterThanOrEqualTo(Duration.ofMillis(500));
        assertThat(pids).noneMatch(ProcessTreeTest::alive);
    }

    private static Set<Long> awaitTreeOf(Process root, int size) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(10);
        while (Instant.now().isBefore(deadline)) {
            Set<Long> pids = root.descendants().map(ProcessHandle::pid).collect(Collectors.toSet());
            pids.add(root.pid());
            if (pids.size() >= size) {
                return pids;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the test process tree did not grow to " + size + " processes");
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
