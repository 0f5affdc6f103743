package dev.furrow.agent.supervisor;

import java.time.Duration;
import java.time.Instant;

/**
 * A newly applied agent update on trial: it fails when it crashes {@code crashesBeforeRollback} times, or crashes
 * so often that the supervisor would give up, within {@code period} of being applied; the supervisor then puts the
 * previous jar back. An update that lived through the period is trusted like any other version.
 */
final class UpdateProbation {

    private final int crashesBeforeRollback;
    private final Duration period;
    private String version;
    private Instant appliedAt;
    private int crashes;

    /** {@code crashesBeforeRollback} 0 = never roll back. */
    UpdateProbation(int crashesBeforeRollback, Duration period) {
        this.crashesBeforeRollback = crashesBeforeRollback;
        this.period = period;
    }

    void applied(String updateVersion, Instant at) {
        version = updateVersion;
        appliedAt = at;
        crashes = 0;
    }

    /**
     * Records a crash at {@code at}; returns whether the update on trial failed and must be rolled back
     * ({@code budgetSpent}: the supervisor would otherwise give up).
     */
    boolean crashedAndFailed(Instant at, boolean budgetSpent) {
        if (version == null || crashesBeforeRollback <= 0) {
            return false;
        }
        if (at.isAfter(appliedAt.plus(period))) {
            version = null;
            return false;
        }
        crashes++;
        return crashes >= crashesBeforeRollback || budgetSpent;
    }

    /** The version on trial (null when none is). */
    String version() {
        return version;
    }

    int crashes() {
        return crashes;
    }

    void ended() {
        version = null;
    }
}
