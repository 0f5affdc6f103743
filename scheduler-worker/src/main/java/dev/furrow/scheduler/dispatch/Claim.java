package dev.furrow.scheduler.dispatch;

import java.util.List;
import java.util.UUID;

/** Tasks of one job that a dispatch round hands to one agent as one assignment. */
record Claim(UUID agentId, long jobId, UUID assignmentId, List<BatchPicker.Candidate> tasks) {
}
