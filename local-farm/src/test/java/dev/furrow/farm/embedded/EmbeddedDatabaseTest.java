package dev.furrow.farm.embedded;

import dev.furrow.farm.FreePort;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedDatabaseTest {

    @TempDir
    static Path directory;
    static int port;
    static EmbeddedDatabase database;

    @BeforeAll
    static void start() {
        port = FreePort.pick();
        database = EmbeddedDatabase.start(directory, port);
    }

    @AfterAll
    static void stop() {
        if (database != null) {
            database.close();
        }
    }

    @Test
    void claimsSkipRowsAnotherTransactionHoldsLocked() throws SQLException {
        try (Connection setup = connect("claims")) {
            execute(setup, "CREATE TABLE tasks (id INT PRIMARY KEY, state VARCHAR(10) NOT NULL) ENGINE=InnoDB");
            execute(setup, "INSERT INTO tasks VALUES (1, 'queued'), (2, 'queued'), (3, 'queued')");
        }
        try (Connection first = connect("claims"); Connection second = connect("claims")) {
            first.setAutoCommit(false);
            second.setAutoCommit(false);

            List<Integer> firstClaim = ids(first, "SELECT id FROM tasks WHERE state = 'queued' ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED");
            List<Integer> secondClaim = ids(second, "SELECT id FROM tasks WHERE state = 'queued' ORDER BY id LIMIT 2 FOR UPDATE SKIP LOCKED");

            assertThat(firstClaim).containsExactly(1);
            assertThat(secondClaim).containsExactly(2, 3);
            first.rollback();
            second.rollback();
        }
    }

    @Test
    void dataSurvivesARestartOfTheServer() throws SQLException {
        try (Connection c = connect("survivor")) {
            execute(c, "CREATE TABLE notes (id INT PRIMARY KEY, text VARCHAR(20)) ENGINE=InnoDB");
            execute(c, "INSERT INTO notes VALUES (1, 'kept')");
        }
        database.close();
        database = EmbeddedDatabase.start(directory, port);

        try (Connection c = connect("survivor")) {
            assertThat(ids(c, "SELECT id FROM notes WHERE text = 'kept'")).containsExactly(1);
        }
    }

    private static Connection connect(String schema) throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(schema), "root", "");
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        }
    }

    private static List<Integer> ids(Connection connection, String sql) throws SQLException {
        List<Integer> ids = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                ids.add(rs.getInt(1));
            }
        }
        return ids;
    }
}
