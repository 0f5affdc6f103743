package dev.furrow.messages;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Several reports of one agent, in the order it made them, in one message: an agent's outbox sends what has
 * piled up together (a short task's running and done reports and the work request after them), so a burst costs
 * the broker one message instead of one per report. Never holds log lines (they travel to their own queue) nor
 * another {@code AgentReports}.
 */
public record AgentReports(UUID agentId, List<AgentReport> reports, Instant at) implements AgentReport {

    public static final String ROUTING_KEY = "agent.reports";

    public AgentReports {
        reports = List.copyOf(reports);
        for (AgentReport report : reports) {
            if (report instanceof TaskLogLines || report instanceof AgentReports) {
                throw new IllegalArgumentException(report.getClass().getSimpleName()
                        + " cannot travel inside AgentReports");
            }
        }
    }

    /** The reports a message from an agent carries, in order: those it packs, or itself. */
    public static List<AgentReport> unpacked(AgentReport report) {
        return report instanceof AgentReports packed ? packed.reports() : List.of(report);
    }

    @Override
    public String routingKey() {
        return ROUTING_KEY;
    }
}
