package dev.furrow.agent.fakerender;

import dev.furrow.agent.jobtype.FrameRange;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;

/** PyFarm's pyfarm-dev-fakerender: vaguely simulates a render (ram, time, output, exit code, crashes). */
@Command(name = "furrow-fakerender", mixinStandardHelpOptions = true,
        description = "Very basic command line tool which vaguely simulates a render.")
public final class FakeRender implements Callable<Integer> {

    /** Progress lines look like "progress: 40%"; the fake-render job type reads them. */
    public static final String PROGRESS_PREFIX = "progress:";
    /** The exit status a shell reports for a process killed by SIGSEGV (128 + 11). */
    public static final int SEGFAULT_EXIT_CODE = 139;

    @Option(names = "--ram", description = "How much ram in megabytes the fake command should consume")
    int ram;
    @Option(names = "--duration", description = "How many seconds each frame takes", defaultValue = "1")
    double duration;
    @Option(names = "--return-code", description = "The return code; several make a random choice", defaultValue = "0")
    List<Integer> returnCodes;
    @Option(names = "--duration-jitter", description = "Randomly add or subtract up to this many seconds")
    double durationJitter;
    @Option(names = "--ram-jitter", description = "Randomly add or subtract up to this many MB of ram")
    int ramJitter;
    @Option(names = {"-s", "--start"}, required = true, description = "The start frame")
    double start;
    @Option(names = {"-e", "--end"}, description = "The end frame (default: start)")
    Double end;
    @Option(names = {"-b", "--by"}, description = "The frame step", defaultValue = "1")
    double by;
    @Option(names = "--spew", description = "Print lots of random output (stress test for log processing)")
    boolean spew;
    @Option(names = "--segfault", description = "Crash like a segmentation fault (exit 139) with --segfault-chance")
    boolean segfault;
    @Option(names = "--segfault-chance", description = "Chance of the crash with --segfault", defaultValue = "0.25")
    double segfaultChance;
    @Option(names = "--output-dir", description = "Write one file per frame here, named frame_NNNN.txt")
    Path outputDir;

    private final Random random = new Random();

    public static void main(String[] args) {
        System.exit(new CommandLine(new FakeRender()).execute(args));
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (by <= 0) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--by must be above 0");
        }
        double last = end == null ? start : end;
        PrintStream out = new PrintStream(new BufferedOutputStream(System.out, 1 << 16), false, StandardCharsets.UTF_8);
        byte[][] memory = allocate(ram + jitter(ramJitter));
        for (double frame = start; frame <= last + 1e-9; frame += by) {
            render(frame, out);
            if (outputDir != null) {
                writeOutput(frame);
            }
        }
        out.flush();
        if (segfault && random.nextDouble() < segfaultChance) {
            System.err.println("Segmentation fault (simulated by --segfault)");
            System.err.flush();
            Runtime.getRuntime().halt(SEGFAULT_EXIT_CODE);
        }
        System.out.println("fake render of " + memory.length + " MB done");
        return returnCodes.get(random.nextInt(returnCodes.size()));
    }

    private void render(double frame, PrintStream out) throws InterruptedException {
        long millis = Math.max(0, Math.round((duration + jitter(durationJitter)) * 1000));
        long startedAt = System.nanoTime();
        out.println("rendering frame " + FrameRange.format(frame) + " for " + millis + " ms");
        out.flush();
        int steps = 10;
        for (int step = 1; step <= steps; step++) {
            long stepEnd = startedAt + millis * 1_000_000L * step / steps;
            if (spew) {
                spewUntil(stepEnd, out);
            } else {
                long sleep = (stepEnd - System.nanoTime()) / 1_000_000L;
                if (sleep > 0) {
                    Thread.sleep(sleep);
                }
            }
            out.println(PROGRESS_PREFIX + " " + (step * 100 / steps) + "%");
            out.flush();
        }
    }

    private void spewUntil(long endNanos, PrintStream out) {
        char[] line = new char[120];
        while (System.nanoTime() < endNanos) {
            for (int burst = 0; burst < 1000; burst++) {
                for (int i = 0; i < line.length; i++) {
                    line[i] = (char) ('!' + random.nextInt(94));
                }
                out.println(line);
            }
        }
    }

    private void writeOutput(double frame) throws IOException {
        Files.createDirectories(outputDir);
        String name = String.format(Locale.ROOT, "frame_%04d.txt", (long) Math.floor(frame));
        Files.writeString(outputDir.resolve(name), "fake render of frame " + FrameRange.format(frame) + "\n");
    }

    /** Holds {@code megabytes} of ram in 1 MB blocks (one huge array would not fit a generation of the heap). */
    private byte[][] allocate(int megabytes) {
        byte[][] memory = new byte[Math.max(0, megabytes)][];
        for (int block = 0; block < memory.length; block++) {
            memory[block] = new byte[1024 * 1024];
            for (int i = 0; i < memory[block].length; i += 4096) {
                memory[block][i] = 1; // touch every page so the ram is really resident
            }
        }
        return memory;
    }

    private double jitter(double amount) {
        return amount == 0 ? 0 : (random.nextDouble() * 2 - 1) * amount;
    }

    private int jitter(int amount) {
        return amount == 0 ? 0 : random.nextInt(2 * amount + 1) - amount;
    }
}
