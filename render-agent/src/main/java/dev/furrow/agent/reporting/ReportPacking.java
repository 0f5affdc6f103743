package dev.furrow.agent.reporting;

import dev.furrow.messages.AgentReport;
import dev.furrow.messages.AgentReports;
import dev.furrow.messages.TaskLogLines;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Packs the outbox's waiting reports into as few messages as order allows: consecutive reports other than log
 * lines travel together in one {@link AgentReports} (a short task's running and done reports and the work request
 * after them cost the broker one message); log lines go alone, to their own queue.
 */
final class ReportPacking {

    private ReportPacking() {
    }

    static List<AgentReport> pack(List<AgentReport> reports) {
        List<AgentReport> messages = new ArrayList<>();
        List<AgentReport> run = new ArrayList<>();
        for (AgentReport report : reports) {
            if (report instanceof TaskLogLines) {
                flush(run, messages);
                messages.add(report);
            } else {
                run.add(report);
            }
        }
        flush(run, messages);
        return messages;
    }

    private static void flush(List<AgentReport> run, List<AgentReport> messages) {
        if (run.size() == 1) {
            messages.add(run.get(0));
        } else if (run.size() > 1) {
            messages.add(new AgentReports(run.get(0).agentId(), run, Instant.now()));
        }
        run.clear();
    }
}
