package dev.furrow.farm;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.furrow.messages.Topology;
import dev.furrow.testing.TestBroker;
import dev.furrow.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

/** The farm against the real local MariaDB and RabbitMQ, in a fresh database and broker namespace. */
class EndToEndIT extends FarmBehaviour {

    @TempDir
    static Path dataDir;
    static TestDatabase database;
    static String amqpUrl;
    static Topology topology;
    static LocalFarm farm;
    static FarmClient api;

    @BeforeAll
    static void startFarm() {
        database = TestDatabase.create();
        amqpUrl = TestBroker.url();
        topology = new Topology(TestBroker.freshNamespace());
        Map<String, String> environment = Map.of(
                SharedServices.DB_URL, database.url(),
                SharedServices.DB_USER, database.user(),
                SharedServices.DB_PASSWORD, database.password(),
                SharedServices.AMQP_URL, amqpUrl,
                SharedServices.AMQP_NAMESPACE, topology.namespace());
        FarmOptions options = FarmOptions.defaults(checkout(), environment)
                .withServices(Services.EXTERNAL)
                .withDataDir(dataDir)
                .withPorts(FreePort.pick(), FreePort.pick());
        farm = new LocalFarm(options, System.out);
        farm.start();
        api = new FarmClient(farm.apiUrl());
    }

    @AfterAll
    static void stopFarm() throws Exception {
        try {
            if (farm != null) {
                farm.close();
            }
        } finally {
            if (database != null) {
                database.close();
            }
            if (topology != null) {
                deleteTopology();
            }
        }
    }

    @Override
    FarmClient api() {
        return api;
    }

    /** Durable queues and exchanges outlive the farm; this namespace is ours alone, so remove them. */
    private static void deleteTopology() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(amqpUrl);
        try (Connection connection = factory.newConnection("end-to-end-cleanup"); Channel channel = connection.createChannel()) {
            topology.deleteNamespace(channel);
            Path agentIdFile = farm == null ? null : farm.layout().agentIdFile(1);
            if (agentIdFile != null && Files.isRegularFile(agentIdFile)) {
                channel.queueDelete(topology.agentQueue(UUID.fromString(Files.readString(agentIdFile).trim())));
            }
        }
    }
}
