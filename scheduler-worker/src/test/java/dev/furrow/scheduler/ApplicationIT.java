package dev.furrow.scheduler;

import dev.furrow.messages.AgentAnnounced;
import dev.furrow.messages.AgentState;
import dev.furrow.messages.Topology;
import dev.furrow.messages.amqp.Broker;
import dev.furrow.messages.amqp.Publisher;
import dev.furrow.testing.TestBroker;
import dev.furrow.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The shaded jar, started as operators start it: configured by environment variables only. */
class ApplicationIT {

    // The jar declared durable queues in a throw-away namespace; leave the shared broker as we found it.
    private static void removeTopology(Topology topology) throws Exception {
        try (Broker broker = Broker.connect(TestBroker.url(), topology, "it-cleanup", Duration.ofSeconds(10));
             com.rabbitmq.client.Channel channel = broker.openChannel()) {
            topology.deleteNamespace(channel);
        }
    }

    @Test
    void theJarMigratesTheDatabaseConsumesAndSaysItIsReady() throws Exception {
        Path jar = Path.of(System.getProperty("furrow.root", "."), "scheduler-worker/target/furrow-scheduler-worker.jar");
        assertThat(jar).as("run 'mvn -pl scheduler-worker package' first").exists();
        String namespace = TestBroker.freshNamespace();
        Path tasklogs = Files.createTempDirectory("furrow-it-tasklogs");
        try (TestDatabase database = TestDatabase.create()) {
            ProcessBuilder builder = new ProcessBuilder(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString());
            builder.environment().put("FURROW_DB_URL", database.url());
            builder.environment().put("FURROW_DB_USER", database.user());
            builder.environment().put("FURROW_DB_PASSWORD", database.password());
            builder.environment().put("FURROW_AMQP_URL", TestBroker.url());
            builder.environment().put("FURROW_AMQP_NAMESPACE", namespace);
            builder.environment().put("FURROW_TASKLOGS_DIR", tasklogs.toString());
            builder.redirectError(ProcessBuilder.Redirect.INHERIT);
            Process process = builder.start();
            try {
                CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> {
                    try (BufferedReader out = new BufferedReader(
                            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = out.readLine()) != null) {
                            if (line.contains(SchedulerWorker.READY_LINE)) {
                                return line;
                            }
                        }
                        return null;
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
                assertThat(ready.get(60, TimeUnit.SECONDS)).contains("Furrow scheduler-worker ready");

                FarmDb db = new FarmDb(() -> database);
                assertThat(db.count("SELECT COUNT(*) FROM jobtypes")).isEqualTo(3);
                assertThat(db.count("SELECT COUNT(*) FROM information_schema.statistics WHERE table_schema = ? "
                        + "AND index_name = 'ix_tasks_claim'", database.name())).isPositive();

                UUID agentId = UUID.randomUUID();
                try (Broker broker = Broker.connect(TestBroker.url(), new Topology(namespace), "it-agent",
                        Duration.ofSeconds(10)); Publisher publisher = new Publisher(broker)) {
                    var announced = new AgentAnnounced(agentId, "it-host", null, 50000, "127.0.0.1", 2, 2048, 1024,
                            "cpu", "linux", "Linux", "0.1.0", 0, AgentState.ONLINE, List.of(), List.of(), List.of(),
                            List.of(), Instant.now());
                    publisher.publish(broker.topology().repliesExchange(), announced.routingKey(), announced);
                }
                Await.until("agent row written by the jar", () -> db.agent(agentId), Objects::nonNull);
            } finally {
                process.destroy();
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
                removeTopology(new Topology(namespace));
            }
        }
    }
}
