package dev.furrow.agent.jobtype;

/**
 * One version of a job type as the master serves it ({@code GET /jobtypes/<name>/versions/<n>}): its
 * {@code classname} says how the agent runs {@code code} ({@code command}: a JSON definition, {@code script}:
 * JavaScript hooks).
 */
public record JobTypeDefinition(String name, int version, String classname, String code) {
}
