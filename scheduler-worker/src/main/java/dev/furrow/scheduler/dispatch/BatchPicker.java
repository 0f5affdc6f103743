package dev.furrow.scheduler.dispatch;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Chooses which of a job's queued tasks (in frame order) go out together as one assignment: at most the job's
 * batch and the job type version's max_batch, and only consecutive frames (frame, frame + by, ...) when the job
 * type wants contiguous batches.
 */
final class BatchPicker {

    private BatchPicker() {
    }

    /** A queued task that may be claimed. */
    record Candidate(long id, BigDecimal frame, Integer tile, int attempts) {
    }

    /** The batch size limit: job.batch capped by max_batch (NULL = no cap), never below one. */
    static int batchSize(int jobBatch, Integer maxBatch) {
        int size = maxBatch == null ? jobBatch : Math.min(jobBatch, maxBatch);
        return Math.max(size, 1);
    }

    static List<Candidate> pick(List<Candidate> inFrameOrder, int batchSize, boolean contiguous, BigDecimal by) {
        List<Candidate> batch = new ArrayList<>();
        for (Candidate candidate : inFrameOrder) {
            if (batch.size() == batchSize) {
                break;
            }
            if (contiguous && !batch.isEmpty()
                    && batch.get(batch.size() - 1).frame().add(by).compareTo(candidate.frame()) != 0) {
                break;
            }
            batch.add(candidate);
        }
        return batch;
    }
}
