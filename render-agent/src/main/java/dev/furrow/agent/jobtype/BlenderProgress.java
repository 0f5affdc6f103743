package dev.furrow.agent.jobtype;

import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads progress from Blender's status lines, e.g. {@code Fra:1 Mem:12M ... | Path Tracing Tile 3/16},
 * {@code Fra:1 ... | Sample 64/128} or {@code Fra:1 ... | Rendering 5 / 16 samples}. Only lines starting with
 * "Fra:" count; the last "x/y" pair of such a line is the frame's progress.
 */
public final class BlenderProgress implements ProgressParser {

    private static final Pattern FRAME_LINE = Pattern.compile("^Fra:\\s*-?\\d+\\b");
    private static final Pattern PAIR = Pattern.compile("(?:Tiles?|Sample|Rendering)\\s+(\\d+)\\s*/\\s*(\\d+)");

    @Override
    public OptionalDouble progressFrom(String line) {
        if (!FRAME_LINE.matcher(line).find()) {
            return OptionalDouble.empty();
        }
        Matcher matcher = PAIR.matcher(line);
        OptionalDouble progress = OptionalDouble.empty();
        while (matcher.find()) {
            long done = Long.parseLong(matcher.group(1));
            long total = Long.parseLong(matcher.group(2));
            if (total > 0) {
                progress = OptionalDouble.of(Math.min(1.0, (double) done / total));
            }
        }
        return progress;
    }
}
