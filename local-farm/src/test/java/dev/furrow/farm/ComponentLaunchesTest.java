package dev.furrow.farm;

import dev.furrow.farm.process.ChildLaunch;
import dev.furrow.farm.process.Readiness;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ComponentLaunchesTest {

    static final Path ROOT = Path.of("/srv/furrow");
    static final SharedServices SERVICES = new SharedServices(
            "jdbc:mysql://127.0.0.1:3307/furrow?createDatabaseIfNotExist=true", "root", "", true,
            "amqp://guest:guest@127.0.0.1:5673/%2F", "furrow", true);

    final FarmOptions options = FarmOptions.defaults(ROOT, Map.of("FURROW_AMQP_NAMESPACE", "farm1", "FURROW_SMTP_HOST", "mail"))
            .withAgents(2).withPorts(8181, 50100);
    final ComponentLaunches launches = new ComponentLaunches(options, new FarmLayout(options.dataDir()), SERVICES,
            Map.of("PATH", "/usr/bin", "FURROW_DB_URL", "jdbc:mysql://elsewhere/furrow", "FURROW_DEBUG", "1"));

    @Test
    void theApiServerRunsFromItsJarOnTheFarmsPortAndIsReadyWhenJobtypesAnswer() {
        ChildLaunch api = launches.apiServer();

        assertThat(api.name()).isEqualTo("api");
        assertThat(api.command()).endsWith("-jar", "/srv/furrow/api-server/target/furrow-api-server.jar");
        assertThat(api.environment()).containsEntry("FURROW_API_PORT", "8181");
        assertThat(api.readiness()).isEqualTo(new Readiness.HttpOk(URI.create("http://127.0.0.1:8181/api/v1/jobtypes/")));
    }

    @Test
    void theWorkerIsReadyWhenItSaysSo() {
        ChildLaunch worker = launches.schedulerWorker();

        assertThat(worker.command()).endsWith("-jar", "/srv/furrow/scheduler-worker/target/furrow-scheduler-worker.jar");
        assertThat(worker.readiness()).isEqualTo(new Readiness.PrintedLine("Furrow scheduler-worker ready"));
    }

    @Test
    void eachAgentHasItsOwnPortIdFileAndTaskLogsAndTheJvmFlagsItsBuildShips() {
        ChildLaunch second = launches.renderAgent(2);

        assertThat(second.name()).isEqualTo("agent-2");
        assertThat(second.command()).containsSubsequence(
                "@/srv/furrow/render-agent/target/furrow-render-agent.jvm-options",
                "-jar", "/srv/furrow/render-agent/target/furrow-render-agent.jar", "start", "--no-daemon",
                "--master-api", "http://127.0.0.1:8181/api/v1",
                "--port", "50101",
                "--agent-id-file", "/srv/furrow/var/agents/2/agent-id",
                "--task-log-dir", "/srv/furrow/var/agents/2/tasklogs");
        assertThat(second.readiness()).isEqualTo(new Readiness.HttpOk(URI.create("http://127.0.0.1:50101/api/v1/status")));
    }

    @Test
    void childrenGetTheFarmsServicesAndSettingsNotStrayFurrowVariablesOfTheProcess() {
        Map<String, String> env = launches.schedulerWorker().environment();

        assertThat(env)
                .containsEntry("FURROW_DB_URL", SERVICES.dbUrl())
                .containsEntry("FURROW_DB_USER", "root")
                .containsEntry("FURROW_DB_PASSWORD", "")
                .containsEntry("FURROW_AMQP_URL", SERVICES.amqpUrl())
                .containsEntry("FURROW_AMQP_NAMESPACE", "furrow")
                .containsEntry("FURROW_TASKLOGS_DIR", "/srv/furrow/var/tasklogs")
                .containsEntry("FURROW_SMTP_HOST", "mail")
                .containsEntry("PATH", "/usr/bin")
                .doesNotContainKey("FURROW_DEBUG");
    }

    @Test
    void aSingleAgentIsJustCalledAgent() {
        FarmOptions one = FarmOptions.defaults(ROOT, Map.of());
        var single = new ComponentLaunches(one, new FarmLayout(one.dataDir()), SERVICES, Map.of());

        assertThat(single.renderAgent(1).name()).isEqualTo("agent");
        assertThat(single.renderAgent(1).command()).contains("/srv/furrow/var/agents/1/agent-id");
    }
}
