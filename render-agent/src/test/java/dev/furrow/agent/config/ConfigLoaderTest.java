package dev.furrow.agent.config;

import dev.furrow.messages.AgentState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    @Test
    void flagsWinOverEnvironmentWhichWinsOverTheFileWhichWinsOverDefaults() throws Exception {
        Path yaml = dir.resolve("agent.yml");
        Files.writeString(yaml, """
                agent_api_port: 50001
                farm_name: from-file
                agent_cpus: 3
                agent_shutdown_timeout: 7
                jobtype_task_logs: /file/logs
                """);
        ConfigLoader loader = new ConfigLoader(Map.of(
                "FURROW_AGENT_FARM_NAME", "from-env",
                "FURROW_AGENT_CPUS", "5",
                "FURROW_AMQP_NAMESPACE", "envns"), dir.resolve("tmp"), dir.resolve("home"));

        AgentConfig config = loader.load(Map.of(Setting.CPUS, "8"), yaml);

        assertThat(config.cpus()).isEqualTo(8);
        assertThat(config.farmName()).isEqualTo("from-env");
        assertThat(config.port()).isEqualTo(50001);
        assertThat(config.shutdownTimeout()).isEqualTo(Duration.ofSeconds(7));
        assertThat(config.taskLogDir()).isEqualTo(Path.of("/file/logs"));
        assertThat(config.amqpNamespace()).isEqualTo("envns");
        assertThat(config.ram()).as("auto").isNull();
        assertThat(config.heartbeatInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.state()).isEqualTo(AgentState.ONLINE);
        assertThat(config.allowSharing()).isFalse();
        assertThat(config.amqpUrl()).isEqualTo("amqp://guest:guest@127.0.0.1:5672/%2F");
    }

    @Test
    void defaultsExpandTempAndHome() {
        AgentConfig config = new ConfigLoader(Map.of(), dir.resolve("tmp"), dir.resolve("home")).load(Map.of(), null);
        assertThat(config.port()).isEqualTo(50000);
        assertThat(config.taskLogDir()).isEqualTo(dir.resolve("tmp/furrow/agent/logs/tasks"));
        assertThat(config.agentIdFile()).isEqualTo(dir.resolve("home/.furrow/agent/uuid.dat"));
        assertThat(config.hostname()).isNotBlank();
    }

    @Test
    void aBadValueNamesTheFlagTheVariableAndTheKey() {
        ConfigLoader loader = new ConfigLoader(Map.of("FURROW_AGENT_PORT", "fifty"), dir, dir);
        assertThatThrownBy(() -> loader.load(Map.of(), null))
                .hasMessageContaining("--port").hasMessageContaining("FURROW_AGENT_PORT")
                .hasMessageContaining("agent_api_port").hasMessageContaining("fifty");
    }

    @Test
    void agentIdIsGeneratedOnceAndKeptInTheIdFile() throws Exception {
        Path idFile = dir.resolve("ids/uuid.dat");
        AgentConfig config = new ConfigLoader(Map.of(), dir, dir).load(Map.of(Setting.AGENT_ID_FILE, idFile.toString()), null);

        UUID first = AgentIdentity.resolve(config);
        UUID second = AgentIdentity.resolve(config);

        assertThat(second).isEqualTo(first);
        assertThat(Files.readString(idFile).trim()).isEqualTo(first.toString());
        UUID given = UUID.randomUUID();
        assertThat(AgentIdentity.resolve(config.withAgentId(given))).isEqualTo(given);
    }
}
