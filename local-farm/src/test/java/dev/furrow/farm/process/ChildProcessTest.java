package dev.furrow.farm.process;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChildProcessTest {

    final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    final PrintStream console = new PrintStream(printed, true, StandardCharsets.UTF_8);
    final List<ChildProcess> started = new ArrayList<>();

    @AfterEach
    void stopChildren() {
        started.forEach(child -> child.stop(Duration.ofSeconds(1)));
    }

    @Test
    void outputIsPrefixedWithTheChildsNameAndAPrintedLineMakesItReady() {
        ChildProcess child = start("worker", "echo starting; echo 'oops' >&2; echo 'Furrow scheduler-worker ready'; exec sleep 30",
                new Readiness.PrintedLine("Furrow scheduler-worker ready"));

        child.awaitReady(Duration.ofSeconds(10), () -> false);

        assertThat(console()).contains("[worker] starting", "[worker] oops", "[worker] Furrow scheduler-worker ready");
    }

    @Test
    void aChildThatExitsBeforeItIsReadyFailsWithItsLastOutput() {
        ChildProcess child = start("api", "echo 'cannot connect to the database'; exit 3",
                new Readiness.PrintedLine("never printed"));

        assertThatThrownBy(() -> child.awaitReady(Duration.ofSeconds(10), () -> false))
                .isInstanceOf(ChildProcess.NotReady.class)
                .hasMessageContaining("api exited with code 3 before it was ready")
                .hasMessageContaining("cannot connect to the database");
    }

    @Test
    void aChildThatIsNotReadyInTimeFailsNamingWhatWasAwaited() {
        ChildProcess child = start("agent", "exec sleep 30", new Readiness.PrintedLine("agent ready"));

        assertThatThrownBy(() -> child.awaitReady(Duration.ofMillis(600), () -> false))
                .hasMessageContaining("agent was not ready within 0 s (waited for a line containing 'agent ready')");
    }

    @Test
    void waitingStopsAsSoonAsTheFarmIsStopping() {
        ChildProcess child = start("agent", "exec sleep 30", new Readiness.PrintedLine("agent ready"));

        assertThatThrownBy(() -> child.awaitReady(Duration.ofSeconds(30), () -> true))
                .hasMessageContaining("still starting when the farm was asked to stop");
    }

    @Test
    void stopAsksPolitelyFirst() {
        ChildProcess child = start("worker", "trap 'echo stopping cleanly; exit 0' TERM; echo up; while true; do sleep 0.1; done",
                new Readiness.PrintedLine("up"));
        child.awaitReady(Duration.ofSeconds(10), () -> false);

        int code = child.stop(Duration.ofSeconds(10));

        assertThat(code).isZero();
        assertThat(console()).contains("[worker] stopping cleanly");
    }

    @Test
    void aChildIgnoringTheRequestToStopIsKilledWithEverythingItStarted() {
        ChildProcess child = start("agent", "trap '' TERM; sleep 60 & echo up; wait",
                new Readiness.PrintedLine("up"));
        child.awaitReady(Duration.ofSeconds(10), () -> false);
        List<ProcessHandle> grandchildren = ProcessHandle.of(child.pid()).orElseThrow().descendants().toList();

        child.stop(Duration.ofMillis(500));

        assertThat(child.isAlive()).isFalse();
        assertThat(grandchildren).isNotEmpty().noneMatch(ProcessHandle::isAlive);
        assertThat(console()).contains("[farm] agent did not stop within 0 s; killing it");
    }

    private ChildProcess start(String name, String script, Readiness readiness) {
        var launch = new ChildLaunch(name, List.of("sh", "-c", script), Map.of("PATH", System.getenv("PATH")),
                Path.of("."), readiness);
        ChildProcess child = ChildProcess.start(launch, console);
        started.add(child);
        return child;
    }

    private String console() {
        return printed.toString(StandardCharsets.UTF_8);
    }
}
