package dev.furrow.scheduler.sql;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.jdbc.DataSourceResolver;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

/**
 * Runs a unit of work in one JDBC transaction: commit on success, rollback on failure, a few retries when the
 * database chose this transaction as a deadlock or lock-wait victim, and waiting (with backoff, for as long as it
 * takes) while the database cannot be reached, so that a consumer holds its messages instead of parking them
 * during an outage. The work must be safe to re-run.
 */
@Singleton
public final class Transactor {

    private static final Logger LOG = LoggerFactory.getLogger(Transactor.class);
    private static final int ATTEMPTS = 5;
    private static final long MAX_BACKOFF_MILLIS = 5000;

    /** The work done inside the transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final DataSource dataSource;

    // Micronaut Data wraps the pool in a proxy bound to its own transaction management; this class manages
    // connections itself, so it works on the pool underneath.
    public Transactor(DataSource dataSource, @Nullable DataSourceResolver resolver) {
        this.dataSource = resolver == null ? dataSource : resolver.resolve(dataSource);
    }

    public <T> T inTransaction(Work<T> work) {
        long backoffMillis = 250;
        for (int attempt = 1; ; attempt++) {
            try {
                return once(work);
            } catch (SQLException e) {
                if (isConnectionFailure(e)) {
                    LOG.warn("database unreachable ({}); retrying in {} ms", e.getMessage(), backoffMillis);
                    sleep(backoffMillis);
                    backoffMillis = Math.min(backoffMillis * 2, MAX_BACKOFF_MILLIS);
                    attempt = 0;
                    continue;
                }
                if (attempt < ATTEMPTS && isLockConflict(e)) {
                    LOG.debug("transaction lost a lock race (attempt {}): {}", attempt, e.getMessage());
                    continue;
                }
                throw new DatabaseFailure("database transaction failed: " + e.getMessage(), e);
            }
        }
    }

    // SQLState class 08 is "connection exception"; Hikari reports an exhausted wait for a connection as transient.
    private static boolean isConnectionFailure(SQLException e) {
        return e instanceof SQLTransientConnectionException || e instanceof SQLNonTransientConnectionException
                || (e.getSQLState() != null && e.getSQLState().startsWith("08"));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatabaseFailure("interrupted while waiting for the database", null);
        }
    }

    private <T> T once(Work<T> work) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            if (connection.getAutoCommit()) {
                connection.setAutoCommit(false); // the pool is configured without auto-commit; this is a fallback
            }
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    // MySQL/MariaDB: 1213 deadlock, 1205 lock wait timeout; SQLState 40001 serialization failure.
    private static boolean isLockConflict(SQLException e) {
        return e.getErrorCode() == 1213 || e.getErrorCode() == 1205 || "40001".equals(e.getSQLState());
    }

    /** The database refused or failed a transaction; the message that caused it is requeued or parked. */
    public static final class DatabaseFailure extends RuntimeException {
        public DatabaseFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
