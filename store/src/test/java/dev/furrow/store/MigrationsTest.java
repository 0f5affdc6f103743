package dev.furrow.store;

import dev.furrow.testing.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MigrationsTest {

    static TestDatabase db;

    @BeforeAll
    static void createDatabase() {
        db = TestDatabase.create();
    }

    @AfterAll
    static void dropDatabase() {
        db.close();
    }

    private Flyway flyway() {
        return Flyway.configure().dataSource(db.url(), db.user(), db.password()).load();
    }

    @Test
    void migratesAnEmptyDatabaseAndIsIdempotent() throws Exception {
        assertThat(flyway().migrate().migrationsExecuted).isGreaterThanOrEqualTo(2);
        assertThat(flyway().migrate().migrationsExecuted).isZero();

        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT name FROM jobtypes ORDER BY name")) {
            List<String> names = new ArrayList<>();
            while (rs.next()) {
                names.add(rs.getString(1));
            }
            assertThat(names).containsExactly("blender", "command", "fake-render");
        }
    }
}
