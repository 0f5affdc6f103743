package dev.furrow.agent.fakerender;

import dev.furrow.agent.testsupport.AgentProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The standalone fake render command, run from the agent jar as users would run it. */
class FakeRenderTest {

    @TempDir
    Path dir;

    @Test
    void writesOneFilePerFrameReportsProgressAndReturnsTheCode() throws Exception {
        Result result = run("--start", "1", "--end", "3", "--duration", "0.2", "--return-code", "4",
                "--output-dir", dir.resolve("out").toString(), "--ram", "20");
        assertThat(result.exitCode).isEqualTo(4);
        assertThat(dir.resolve("out")).isDirectoryContaining("glob:**/frame_0001.txt")
                .isDirectoryContaining("glob:**/frame_0002.txt").isDirectoryContaining("glob:**/frame_0003.txt");
        assertThat(result.output).contains("progress: 50%").contains("progress: 100%").contains("fake render of 20 MB done");
    }

    @Test
    void segfaultCrashesWithExitCode139() throws Exception {
        Result result = run("-s", "1", "--duration", "0", "--segfault", "--segfault-chance", "1");
        assertThat(result.exitCode).isEqualTo(FakeRender.SEGFAULT_EXIT_CODE);
        assertThat(result.output).contains("Segmentation fault");
    }

    @Test
    void spewPrintsLotsOfOutput() throws Exception {
        // spew is bounded by time, not lines: a second of it is thousands of lines even on a loaded machine
        Result result = run("-s", "1", "--duration", "1", "--spew");
        assertThat(result.exitCode).isZero();
        assertThat(result.output.lines().count()).isGreaterThan(2_000);
    }

    private record Result(int exitCode, String output) {
    }

    private Result run(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", AgentProcess.JAR.toString(), FakeRender.class.getName()));
        command.addAll(List.of(args));
        Path out = dir.resolve("output.txt");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), Files.readString(out));
    }
}
