package dev.furrow.scheduler.housekeeping;

import dev.furrow.scheduler.sql.Sql;
import dev.furrow.scheduler.sql.Transactor;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.PreparedStatement;
import java.time.Instant;

/**
 * PyFarm's autodelete: a done or failed job whose {@code autodelete_time} (seconds) has passed since it
 * finished is marked {@code to_be_deleted}; {@link DeleteMarkedJobs} then deletes it (and sends the deletion
 * mails) like a job a user deleted.
 */
@Singleton
public final class AutodeleteJobs {

    private static final Logger LOG = LoggerFactory.getLogger(AutodeleteJobs.class);

    private final Transactor transactor;
    private final DeleteMarkedJobs deleteMarkedJobs;

    public AutodeleteJobs(Transactor transactor, DeleteMarkedJobs deleteMarkedJobs) {
        this.transactor = transactor;
        this.deleteMarkedJobs = deleteMarkedJobs;
    }

    /** Marks and deletes the jobs due at {@code now}; returns how many were marked. */
    public int run(Instant now) {
        int marked = transactor.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    UPDATE jobs SET to_be_deleted = TRUE
                     WHERE autodelete_time IS NOT NULL AND to_be_deleted = FALSE AND state IN ('done','failed')
                       AND time_finished IS NOT NULL
                       AND time_finished <= ? - INTERVAL autodelete_time SECOND""")) {
                Sql.setInstant(s, 1, now);
                return s.executeUpdate();
            }
        });
        if (marked > 0) {
            LOG.info("{} finished job(s) reached their autodelete time", marked);
            deleteMarkedJobs.run();
        }
        return marked;
    }
}
