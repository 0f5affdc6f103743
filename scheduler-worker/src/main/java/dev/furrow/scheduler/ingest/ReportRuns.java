package dev.furrow.scheduler.ingest;

import dev.furrow.messages.TaskReported;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Splits deliveries, in queue order, into runs to apply: consecutive task reports form one run of at most
 * {@code maxRun}; every other message is a run of its own. Order is kept, so a task's reports stay in sequence
 * and a work request is decided after the reports published before it.
 */
final class ReportRuns {

    private ReportRuns() {
    }

    static <T> List<List<T>> split(List<T> deliveries, Predicate<T> isTaskReport, int maxRun) {
        List<List<T>> runs = new ArrayList<>();
        List<T> current = new ArrayList<>();
        for (T delivery : deliveries) {
            boolean batchable = isTaskReport.test(delivery);
            if (!current.isEmpty() && (!batchable || current.size() >= maxRun)) {
                runs.add(current);
                current = new ArrayList<>();
            }
            current.add(delivery);
            if (!batchable) {
                runs.add(current);
                current = new ArrayList<>();
            }
        }
        if (!current.isEmpty()) {
            runs.add(current);
        }
        return runs;
    }

    static boolean isTaskReport(Object message) {
        return message instanceof TaskReported;
    }
}
