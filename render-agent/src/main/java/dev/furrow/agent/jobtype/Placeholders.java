package dev.furrow.agent.jobtype;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Substitutes {frame}, {start}, {end}, {by} and {data.KEY} in one command-line argument. */
public final class Placeholders {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(frame|start|end|by|data\\.([A-Za-z0-9_.-]+))}");

    private final double frame;
    private final FrameRange range;
    private final JsonNode data;

    public Placeholders(double frame, FrameRange range, JsonNode data) {
        this.frame = frame;
        this.range = range;
        this.data = data;
    }

    public String apply(String argument) {
        Matcher matcher = PLACEHOLDER.matcher(argument);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(result, Matcher.quoteReplacement(valueOf(matcher.group(1), matcher.group(2))));
        }
        matcher.appendTail(result);
        return result.toString();
    }

    private String valueOf(String name, String dataKey) {
        return switch (name) {
            case "frame" -> FrameRange.format(frame);
            case "start" -> FrameRange.format(range.start());
            case "end" -> FrameRange.format(range.end());
            case "by" -> FrameRange.format(range.by());
            default -> dataValue(dataKey);
        };
    }

    private String dataValue(String key) {
        JsonNode value = data == null ? null : data.get(key);
        if (value == null || value.isNull()) {
            throw new JobType.InvalidJobData("the command uses {data." + key + "} but the job's data has no '" + key + "'");
        }
        return value.isTextual() ? value.asText() : value.toString();
    }
}
