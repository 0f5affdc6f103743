package dev.furrow.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A fresh, empty database on the real MySQL/MariaDB server named by {@code FURROW_DB_URL} (default: the local
 * MariaDB at 127.0.0.1:3306 as root), dropped again on {@link #close()}. One per test class keeps runs apart.
 */
public final class TestDatabase implements AutoCloseable {

    public static final String DEFAULT_SERVER_URL = "jdbc:mysql://127.0.0.1:3306/";

    private final String serverUrl;
    private final String name;
    private final String user;
    private final String password;

    private TestDatabase(String serverUrl, String name, String user, String password) {
        this.serverUrl = serverUrl;
        this.name = name;
        this.user = user;
        this.password = password;
    }

    public static TestDatabase create() {
        String serverUrl = serverUrl(env("FURROW_DB_URL", DEFAULT_SERVER_URL));
        String user = env("FURROW_DB_USER", "root");
        String password = env("FURROW_DB_PASSWORD", "");
        String name = "furrow_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        try (Connection c = DriverManager.getConnection(serverUrl, user, password);
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE `" + name + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        } catch (SQLException e) {
            throw new IllegalStateException("""
                    Tests need a MySQL/MariaDB server at %s (user %s): %s
                    Start the local one with:  start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd
                    or point FURROW_DB_URL / FURROW_DB_USER / FURROW_DB_PASSWORD at another server."""
                    .formatted(serverUrl, user, e.getMessage()), e);
        }
        return new TestDatabase(serverUrl, name, user, password);
    }

    /** JDBC URL of this database. */
    public String url() {
        return serverUrl + name + "?useSSL=false&allowPublicKeyRetrieval=true&rewriteBatchedStatements=true";
    }

    public String name() {
        return name;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), user, password);
    }

    @Override
    public void close() {
        try (Connection c = DriverManager.getConnection(serverUrl, user, password);
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS `" + name + "`");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop test database " + name, e);
        }
    }

    /** Strips the database name and parameters: {@code jdbc:mysql://host:port/db?x} becomes {@code jdbc:mysql://host:port/}. */
    static String serverUrl(String url) {
        int hostStart = url.indexOf("//");
        if (hostStart < 0) {
            throw new IllegalArgumentException("FURROW_DB_URL must look like jdbc:mysql://host:port/database, not " + url);
        }
        int slash = url.indexOf('/', hostStart + 2);
        int query = url.indexOf('?', hostStart + 2);
        int end = slash >= 0 ? slash : (query >= 0 ? query : url.length());
        return url.substring(0, end) + "/";
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
