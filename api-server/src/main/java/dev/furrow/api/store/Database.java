package dev.furrow.api.store;

import dev.furrow.api.http.ApiException;
import io.micronaut.jdbc.DataSourceResolver;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Function;

/**
 * Runs units of work on the api-server's MySQL/MariaDB connection pool, each in one transaction. Work is plain
 * JDBC so that large writes (a job's tasks) can use batched statements.
 */
@Singleton
public final class Database {

    private final DataSource dataSource;

    public Database(DataSource dataSource, DataSourceResolver resolver) {
        // Micronaut Data wraps the pool in a transaction-aware proxy; this class manages its own transactions.
        this.dataSource = resolver.resolve(dataSource);
    }

    /** Something to do with one connection inside one transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Something to do with one SQL helper (a catalog, a book, a tree) inside one transaction. */
    @FunctionalInterface
    public interface HelperWork<H, T> {
        T run(H helper) throws SQLException;
    }

    /** Runs {@code work} in a transaction on a helper made from the transaction's {@link Sql}. */
    public <H, T> T inTransaction(Function<Sql, H> helper, HelperWork<H, T> work) {
        return inTransaction(connection -> work.run(helper.apply(new Sql(connection))));
    }

    /** Runs {@code work} in a transaction: commits when it returns, rolls back when it throws. */
    public <T> T inTransaction(Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw refusalOrOutage(e);
        }
    }

    /**
     * A statement the database refused because of the data (SQLSTATE class 22: a value does not fit its column;
     * class 23: a uniqueness or reference rule) is the request's fault; everything else is an outage.
     */
    private static RuntimeException refusalOrOutage(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.startsWith("22")) {
            return ApiException.badRequest("a value does not fit the database: " + e.getMessage());
        }
        if (state.startsWith("23")) {
            return ApiException.conflict("the change conflicts with existing data: " + e.getMessage());
        }
        return new DatabaseUnavailable("database operation failed: " + e.getMessage(), e);
    }

    /** The database refused or could not run a statement; answered with 503 because retrying may help. */
    public static final class DatabaseUnavailable extends RuntimeException {
        public DatabaseUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
