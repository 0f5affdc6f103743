package dev.furrow.agent.reporting;

/**
 * What may still go into the report spool when the broker has been away long enough for it to fill up
 * (--spool-limit). Log chunks (which can be read again from the task's log file on this agent) and advisory
 * reports may fill it to {@link #BULK_SHARE} of the limit; the rest is kept for state reports, which are dropped
 * only when the spool is completely full.
 */
record SpoolBudget(long limitBytes) {

    static final double BULK_SHARE = 0.75;

    /** How a report is treated when space runs out. */
    enum Kind {
        /** Must reach the master: task states, assignment rejections, announcements, goodbyes, work requests. */
        STATE,
        /** A chunk of a task log: the file on the agent keeps it; the log is cut short in the master. */
        LOG_CHUNK,
        /** Progress and heartbeats: the next one says more. */
        ADVISORY
    }

    /** Whether a report of {@code bytes} fits when the spool already holds {@code spooledBytes}. */
    boolean admits(Kind kind, long spooledBytes, long bytes) {
        long room = kind == Kind.STATE ? limitBytes : (long) (limitBytes * BULK_SHARE);
        return spooledBytes + bytes <= room;
    }
}
