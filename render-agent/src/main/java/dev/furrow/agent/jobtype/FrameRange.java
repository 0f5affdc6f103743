package dev.furrow.agent.jobtype;

import dev.furrow.messages.AssignTasks;

import java.math.BigDecimal;

/** First frame, last frame and step of an assignment's batch, as the {start}, {end} and {by} placeholders see them. */
public record FrameRange(double start, double end, double by) {

    public static FrameRange of(AssignTasks assignment) {
        double start = assignment.tasks().stream().mapToDouble(AssignTasks.Task::frame).min().orElse(0);
        double end = assignment.tasks().stream().mapToDouble(AssignTasks.Task::frame).max().orElse(0);
        return new FrameRange(start, end, assignment.job().by());
    }

    /** A frame as text: whole numbers without decimals (1, not 1.0), others as they are (1.5). */
    public static String format(double frame) {
        if (frame == Math.rint(frame) && !Double.isInfinite(frame)) {
            return Long.toString((long) frame);
        }
        return BigDecimal.valueOf(frame).stripTrailingZeros().toPlainString();
    }
}
