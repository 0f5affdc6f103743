package dev.furrow.agent.jobtype;

import java.util.OptionalDouble;

/** Reads a task's progress (0..1) out of one line of its process output, when the line tells it. */
@FunctionalInterface
public interface ProgressParser {

    ProgressParser NONE = line -> OptionalDouble.empty();

    OptionalDouble progressFrom(String line);
}
