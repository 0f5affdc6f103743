package dev.furrow.agent;

import com.rabbitmq.client.Channel;
import dev.furrow.agent.assignments.AgentContext;
import dev.furrow.agent.assignments.Assignments;
import dev.furrow.agent.config.AgentConfig;
import dev.furrow.agent.config.AgentIdentity;
import dev.furrow.agent.http.AgentHttpServer;
import dev.furrow.agent.jobtype.JobTypes;
import dev.furrow.agent.master.MasterApi;
import dev.furrow.agent.master.MasterPathMaps;
import dev.furrow.agent.master.Registration;
import dev.furrow.agent.process.ProcessSetup;
import dev.furrow.agent.reporting.Reports;
import dev.furrow.agent.software.SoftwareChecks;
import dev.furrow.agent.sysinfo.FreeRamReports;
import dev.furrow.agent.sysinfo.HostFacts;
import dev.furrow.agent.sysinfo.SystemInfo;
import dev.furrow.messages.AgentAnnounced;
import dev.furrow.messages.AgentHeartbeat;
import dev.furrow.messages.AgentState;
import dev.furrow.messages.AgentWentOffline;
import dev.furrow.messages.Topology;
import dev.furrow.messages.WorkRequested;
import dev.furrow.messages.amqp.Broker;
import dev.furrow.messages.amqp.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The running agent: registers with the master's REST API (which may refuse it), connects to the broker, consumes
 * its own queue, announces itself, checks the software the master knows, beats (and reports changes of free ram
 * between beats), re-announces itself and refreshes the master's path maps, asks for work, serves its REST API,
 * and says goodbye on a clean shutdown.
 */
public final class Agent {

    private static final Logger LOG = LoggerFactory.getLogger(Agent.class);
    public static final String VERSION = "0.1.0";
    private static final int PREFETCH = 2;
    private static final Duration BROKER_PATIENCE = Duration.ofMinutes(2);

    private final AgentConfig config;
    private final UUID agentId;
    private final SystemInfo systemInfo;
    private volatile HostFacts facts;
    private final Registration registration;
    private final MasterPathMaps masterPathMaps;
    private final SoftwareChecks softwareChecks;
    private final FreeRamReports freeRamReports;
    private final Broker broker;
    private final Reports reports;
    private final Assignments assignments;
    private final Instant startedAt = Instant.now();
    private final ScheduledExecutorService timers;
    private Subscription subscription;
    private AgentHttpServer http;
    private boolean stopped;

    private final Runnable stopRequested;
    private final Runnable restartRequested;

    private Agent(AgentConfig config, Runnable stopRequested, Runnable restartRequested) {
        this.stopRequested = stopRequested;
        this.restartRequested = restartRequested;
        this.agentId = AgentIdentity.resolve(config);
        this.config = config.withAgentId(agentId);
        this.systemInfo = new SystemInfo();
        this.facts = systemInfo.facts(this.config);
        Optional<MasterApi> master = MasterApi.at(config.masterApi());
        this.registration = new Registration(master, agentId, this.config);
        try {
            registration.register(facts);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while registering with the master", e);
        }
        this.masterPathMaps = new MasterPathMaps(master, agentId, facts.osClass());
        this.softwareChecks = new SoftwareChecks(this.config);
        this.freeRamReports = new FreeRamReports(config.ramReportDeltaMb(), config.ramMaxReportFrequency());
        Topology topology = new Topology(config.amqpNamespace());
        this.broker = Broker.connect(config.amqpUrl(), topology, "furrow-render-agent " + config.hostname(), BROKER_PATIENCE);
        this.reports = new Reports(broker, this.config.spoolDir().resolve("reports-" + agentId + ".spool"),
                this.config.reportMemoryLimitKib() * 1024L, this.config.spoolLimitMb() * 1024L * 1024L);
        this.assignments = new Assignments(
                new AgentContext(agentId, this.config, reports, JobTypes.forAgent(this.config), systemInfo,
                        ProcessSetup.of(this.config, masterPathMaps::current)), this::requestWork);
        this.timers = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "agent-timers");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Starts everything; returns once the agent is announced and its API answers. {@code stopRequested} and
     * {@code restartRequested} run when someone asks the agent to stop or restart through its API (the command
     * line exits the JVM, whose hook calls shutdown, and for a restart then starts the same command again).
     */
    public static Agent start(AgentConfig config, Runnable stopRequested, Runnable restartRequested) {
        Agent agent = new Agent(config, stopRequested, restartRequested);
        agent.run();
        return agent;
    }

    private void run() {
        String queue = broker.topology().agentQueue(agentId);
        try (Channel channel = broker.openChannel()) {
            broker.topology().declareAgentQueue(channel, agentId);
        } catch (IOException | TimeoutException e) {
            throw new Broker.BrokerUnavailable("cannot declare the agent's queue " + queue + ": " + e.getMessage(), e);
        }
        refreshPathMaps();
        http = AgentHttpServer.start(this);
        subscription = Subscription.start(broker, queue, PREFETCH, assignments::handle, Subscription.LOG_ONLY);
        int freeRam = facts.freeRam();
        reports.send(announcement(freeRam));
        freeRamReports.reported(freeRam, Instant.now());
        every(config.heartbeatInterval(), this::beat);
        every(config.ramCheckInterval(), this::reportFreeRamIfChanged);
        every(config.masterReannounce(), this::reannounce);
        softwareChecks.checkAll();
        requestWork();
        LOG.info("Furrow render-agent {} ready: id {}, host {}, API on port {}, broker {} (namespace {})",
                VERSION, agentId, config.hostname(), http.port(), config.amqpUrlRedacted(), config.amqpNamespace());
    }

    private void every(Duration interval, Runnable action) {
        timers.scheduleWithFixedDelay(action, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private AgentAnnounced announcement(int freeRam) {
        return new AgentAnnounced(agentId, facts.hostname(), config.farmName(), http.port(), remoteIp(),
                facts.cpus(), facts.ram(), freeRam, facts.cpuName(), facts.osClass(), facts.osFullname(),
                VERSION, config.timeOffset(), state(), facts.disks(), facts.gpus(), facts.macAddresses(),
                assignments.taskIds(), Instant.now());
    }

    private void beat() {
        sendHeartbeat(systemInfo.freeRam());
    }

    /** Between heartbeats, a change of free ram the master should know about (--ram-report-delta / -frequency). */
    private void reportFreeRamIfChanged() {
        int freeRam = systemInfo.freeRam();
        if (freeRamReports.due(freeRam, Instant.now())) {
            sendHeartbeat(freeRam);
        }
    }

    private void sendHeartbeat(int freeRam) {
        // While reports wait for the broker a heartbeat says nothing new; the next beat tries again.
        if (reports.offer(new AgentHeartbeat(agentId, state(), freeRam, assignments.taskIds(), Instant.now()))) {
            freeRamReports.reported(freeRam, Instant.now());
        } else {
            LOG.debug("heartbeat skipped: {} report(s) wait for the broker", reports.backlog());
        }
    }

    /** PyFarm's re-announcement (fresh facts to the master's REST API), and the master's path maps again. */
    private void reannounce() {
        try {
            facts = systemInfo.facts(config);
            registration.reannounce(facts);
            masterPathMaps.refresh();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // a failed round must not end the timer (a scheduled task that throws is never run again)
            LOG.warn("re-announcing failed: {}", e.toString());
        }
    }

    private void refreshPathMaps() {
        try {
            masterPathMaps.refresh();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Tells the master this agent has room, unless it is disabled or busy (sharing off). */
    private void requestWork() {
        if (config.state() == AgentState.DISABLED || config.state() == AgentState.OFFLINE) {
            return;
        }
        if (!config.allowSharing() && !assignments.runs().isEmpty()) {
            return;
        }
        int freeCpus = Math.max(0, facts.cpus() - assignments.cpusInUse());
        int freeRam = systemInfo.freeRam();
        reports.send(new WorkRequested(agentId, freeCpus, freeRam, Instant.now()));
        freeRamReports.reported(freeRam, Instant.now());
    }

    public AgentState state() {
        if (config.state() == AgentState.ONLINE && !assignments.runs().isEmpty()) {
            return AgentState.RUNNING;
        }
        return config.state();
    }

    private String remoteIp() {
        if (config.remoteIp() != null) {
            return config.remoteIp();
        }
        try {
            return InetAddress.getLocalHost().getHostAddress();
        } catch (UnknownHostException e) {
            throw new UncheckedIOException("cannot determine this host's address (" + e.getMessage()
                    + "); pass --ip-remote", e);
        }
    }

    /**
     * Stops the running tasks (they go back to the queue), stops consuming, tells the master it goes offline and
     * closes the API and the broker connection, all within the shutdown timeout as far as the tasks allow.
     */
    public synchronized void shutdown() {
        if (stopped) {
            return;
        }
        stopped = true;
        LOG.info("shutting down (timeout {} s)", config.shutdownTimeout().toSeconds());
        timers.shutdownNow();
        if (subscription != null) {
            subscription.close();
        }
        Instant deadline = Instant.now().plus(config.shutdownTimeout());
        try {
            assignments.shutdown(config.shutdownTimeout());
            reports.send(new AgentWentOffline(agentId, Instant.now()));
            Duration left = Duration.between(Instant.now(), deadline);
            if (!reports.flush(left.isNegative() ? Duration.ofSeconds(1) : left.plusSeconds(1))) {
                LOG.warn("could not deliver every report before the shutdown timeout; the rest stays in {}",
                        reports.spoolFile());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        reports.close();
        if (http != null) {
            http.stop();
        }
        broker.close();
        LOG.info("Furrow render-agent {} stopped", agentId);
    }

    /** Someone asked the agent to stop (POST /api/v1/stop). */
    public void requestStop() {
        stopRequested.run();
    }

    /** Someone asked the agent to restart (POST /api/v1/restart). */
    public void requestRestart() {
        restartRequested.run();
    }

    public AgentConfig config() {
        return config;
    }

    public UUID agentId() {
        return agentId;
    }

    public HostFacts facts() {
        return facts;
    }

    public SystemInfo systemInfo() {
        return systemInfo;
    }

    public SoftwareChecks softwareChecks() {
        return softwareChecks;
    }

    public Assignments assignments() {
        return assignments;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public List<Long> runningTaskIds() {
        return assignments.taskIds();
    }
}
