package dev.furrow.agent.process;

/**
 * One path mapping: an argument or environment value that starts with {@code from} gets {@code to} instead
 * (e.g. a Windows share path submitted by an artist, mapped to the mount on this Linux node).
 */
public record PathMap(String from, String to) {

    public PathMap {
        if (from == null || from.isEmpty() || to == null) {
            throw new IllegalArgumentException("a path map needs a non-empty 'from' and a 'to', got from=" + from + " to=" + to);
        }
    }

    /** {@code value} with its leading {@code from} replaced, or unchanged when it does not start with it. */
    public String apply(String value) {
        return value.startsWith(from) ? to + value.substring(from.length()) : value;
    }
}
