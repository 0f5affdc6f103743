package dev.furrow.farm;

import dev.furrow.farm.embedded.EmbeddedBroker;
import dev.furrow.farm.embedded.EmbeddedDatabase;
import dev.furrow.farm.process.ChildLaunch;
import dev.furrow.farm.process.ChildProcess;

import java.io.PrintStream;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

/**
 * A whole farm on one machine: api-server, scheduler-worker and render agents as child JVMs, against the configured
 * database and broker or embedded ones. {@link #close()} stops everything in reverse order of start: agents, worker,
 * api-server, then the embedded broker and database. Safe to close from a shutdown hook while it is starting.
 */
public final class LocalFarm implements AutoCloseable {

    private final FarmOptions options;
    private final FarmLayout layout;
    private final PrintStream console;
    private final Object lock = new Object();
    /** What runs, in order of start; guarded by {@link #lock}. */
    private final Deque<Running> running = new ArrayDeque<>();
    private final List<ChildProcess> children = new ArrayList<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean stopping;
    private volatile SharedServices services;
    private volatile ComponentLaunches launches;

    public LocalFarm(FarmOptions options, PrintStream console) {
        this.options = options;
        this.layout = new FarmLayout(options.dataDir());
        this.console = console;
    }

    /** Starts the services and components and returns once every component is ready. */
    public void start() {
        try {
            new ComponentJars(options.root()).requireBuilt();
            layout.create(options.agents());
            services = startServices();
            launches = new ComponentLaunches(options, layout, services, System.getenv());

            // Both run Flyway at start-up; its lock lets them migrate side by side.
            ChildProcess api = launch(launches.apiServer());
            ChildProcess worker = launch(launches.schedulerWorker());
            awaitReady(api);
            awaitReady(worker);

            List<ChildProcess> agents = new ArrayList<>();
            for (int number = 1; number <= options.agents(); number++) {
                agents.add(launch(launches.renderAgent(number)));
            }
            agents.forEach(this::awaitReady);
        } catch (RuntimeException e) {
            try {
                close();
            } catch (RuntimeException whileStopping) {
                e.addSuppressed(whileStopping);
            }
            throw e;
        }
    }

    public URI apiUrl() {
        return launches().apiUrl();
    }

    /** The web UI's start page. */
    public URI webUrl() {
        return apiUrl().resolve("/");
    }

    public List<URI> agentUrls() {
        List<URI> urls = new ArrayList<>();
        for (int number = 1; number <= options.agents(); number++) {
            urls.add(launches().agentUrl(number));
        }
        return urls;
    }

    public SharedServices services() {
        if (services == null) {
            throw new IllegalStateException("the farm has not started its services yet");
        }
        return services;
    }

    public FarmLayout layout() {
        return layout;
    }

    /** Completes with the first child that exits, whatever the reason. */
    public CompletableFuture<ChildProcess> anyChildExit() {
        List<ChildProcess> snapshot;
        synchronized (lock) {
            snapshot = List.copyOf(children);
        }
        CompletableFuture<ChildProcess> first = new CompletableFuture<>();
        snapshot.forEach(child -> child.onExit().thenRun(() -> first.complete(child)));
        return first;
    }

    public boolean isStopping() {
        return stopping;
    }

    /** Waits until a {@link #close()} running on another thread has stopped everything. */
    public void awaitStopped() throws InterruptedException {
        stopped.await();
    }

    /** Stops everything that runs, last started first; stopping continues past a failure, which is then thrown. */
    @Override
    public void close() {
        stopping = true;
        RuntimeException failure = null;
        synchronized (lock) {
            while (!running.isEmpty()) {
                Running next = running.removeLast();
                try {
                    next.stop().run();
                } catch (RuntimeException e) {
                    console.println("[farm] stopping " + next.name() + " failed: " + e.getMessage());
                    if (failure == null) {
                        failure = e;
                    } else {
                        failure.addSuppressed(e);
                    }
                }
            }
        }
        stopped.countDown();
        if (failure != null) {
            throw failure;
        }
    }

    private SharedServices startServices() {
        Map<String, String> env = options.environment();
        SharedServices.Database database;
        boolean dbEmbedded = options.services().embedsDatabase(env);
        if (dbEmbedded) {
            say("starting the embedded MariaDB on 127.0.0.1:" + options.embeddedDbPort() + " (data in "
                    + layout.embeddedDatabase() + ")");
            EmbeddedDatabase embedded = EmbeddedDatabase.start(layout.embeddedDatabase(), options.embeddedDbPort());
            register("embedded MariaDB", () -> stopEmbedded("embedded MariaDB", embedded::close));
            database = new SharedServices.Database(embedded.jdbcUrl("furrow"), "root", "");
        } else {
            database = SharedServices.externalDatabase(env);
        }
        String amqpUrl;
        boolean brokerEmbedded = options.services().embedsBroker(env);
        if (brokerEmbedded) {
            say("starting the embedded AMQP broker on 127.0.0.1:" + options.embeddedAmqpPort() + " (data in "
                    + layout.embeddedBroker() + ")");
            EmbeddedBroker embedded = EmbeddedBroker.start(layout.embeddedBroker(), options.embeddedAmqpPort());
            register("embedded AMQP broker", () -> stopEmbedded("embedded AMQP broker", embedded::close));
            amqpUrl = embedded.amqpUrl();
        } else {
            amqpUrl = SharedServices.externalAmqpUrl(env);
        }
        SharedServices shared = new SharedServices(database.url(), database.user(), database.password(), dbEmbedded,
                amqpUrl, SharedServices.namespace(env), brokerEmbedded);
        shared.requireExternalServicesAnswer();
        say("database: " + SharedServices.redacted(shared.dbUrl()) + (dbEmbedded ? " (embedded)" : ""));
        say("broker:   " + SharedServices.redacted(shared.amqpUrl()) + (brokerEmbedded ? " (embedded)" : "")
                + ", namespace " + shared.amqpNamespace());
        return shared;
    }

    private ChildProcess launch(ChildLaunch launch) {
        say("starting " + launch.name() + ": " + String.join(" ", launch.command()));
        ChildProcess child = ChildProcess.start(launch, console);
        synchronized (lock) {
            children.add(child);
        }
        register(launch.name(), () -> stopChild(child));
        return child;
    }

    private void awaitReady(ChildProcess child) {
        child.awaitReady(options.readyTimeout(), this::isStopping);
        say(child.name() + " is ready (pid " + child.pid() + ")");
    }

    private void stopChild(ChildProcess child) {
        if (child.isAlive()) {
            say("stopping " + child.name() + " (pid " + child.pid() + ")");
        }
        int code = child.stop(options.stopTimeout());
        say(child.name() + " stopped (exit code " + code + ")");
    }

    private void stopEmbedded(String name, Runnable close) {
        say("stopping the " + name);
        close.run();
        say(name + " stopped");
    }

    /** Remembers something to stop; if the farm is already stopping, stops it at once and abandons the start. */
    private void register(String name, Runnable stop) {
        synchronized (lock) {
            if (!stopping) {
                running.addLast(new Running(name, stop));
                return;
            }
        }
        stop.run();
        throw new Stopped("the farm was asked to stop while starting " + name);
    }

    private ComponentLaunches launches() {
        return Optional.ofNullable(launches)
                .orElseThrow(() -> new IllegalStateException("the farm has not been started"));
    }

    private void say(String message) {
        console.println("[farm] " + message);
    }

    /** Something started that must be stopped again. */
    private record Running(String name, Runnable stop) {
    }

    /** The farm was stopped while it was starting. */
    public static final class Stopped extends RuntimeException {
        Stopped(String message) {
            super(message);
        }
    }
}
