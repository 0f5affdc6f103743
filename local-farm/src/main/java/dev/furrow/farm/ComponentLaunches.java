package dev.furrow.farm;

import dev.furrow.farm.process.ChildLaunch;
import dev.furrow.farm.process.Readiness;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** How each component is started as a child JVM of the farm, with the settings of the farm's contract. */
final class ComponentLaunches {

    static final String WORKER_READY_MARKER = "Furrow scheduler-worker ready";
    static final String TASKLOGS_DIR = "FURROW_TASKLOGS_DIR";
    /** render-agent's furrow-render-agent.jvm-options, a java argument file (the small-footprint flags). */
    static final String AGENT_JVM_OPTIONS = "furrow-render-agent.jvm-options";

    private final FarmOptions options;
    private final FarmLayout layout;
    private final SharedServices services;
    private final ComponentJars jars;
    private final Map<String, String> inheritedEnvironment;

    ComponentLaunches(FarmOptions options, FarmLayout layout, SharedServices services, Map<String, String> processEnvironment) {
        this.options = options;
        this.layout = layout;
        this.services = services;
        this.jars = new ComponentJars(options.root());
        this.inheritedEnvironment = inheritedEnvironment(processEnvironment, options.environment());
    }

    ChildLaunch apiServer() {
        Map<String, String> env = sharedEnvironment();
        env.put(FarmOptions.API_PORT, Integer.toString(options.apiPort()));
        return new ChildLaunch("api", javaJar(jars.apiServer()), env, options.root(),
                new Readiness.HttpOk(apiUrl().resolve("jobtypes/")));
    }

    ChildLaunch schedulerWorker() {
        return new ChildLaunch("worker", javaJar(jars.schedulerWorker()), sharedEnvironment(), options.root(),
                new Readiness.PrintedLine(WORKER_READY_MARKER));
    }

    /** Agent {@code number} (1-based), with the JVM flags the agent's build puts next to its jar. */
    ChildLaunch renderAgent(int number) {
        int port = options.agentPort(number);
        Path jvmOptions = jars.renderAgent().resolveSibling(AGENT_JVM_OPTIONS);
        List<String> command = new ArrayList<>(javaJar(jars.renderAgent()));
        command.add(1, "@" + jvmOptions);
        command.addAll(List.of("start", "--no-daemon",
                "--master-api", "http://127.0.0.1:" + options.apiPort() + "/api/v1",
                "--port", Integer.toString(port),
                "--agent-id-file", layout.agentIdFile(number).toString(),
                "--task-log-dir", layout.agentTaskLogs(number).toString()));
        return new ChildLaunch(agentName(number), command, sharedEnvironment(), options.root(),
                new Readiness.HttpOk(agentUrl(number).resolve("status")));
    }

    String agentName(int number) {
        return options.agents() == 1 ? "agent" : "agent-" + number;
    }

    URI apiUrl() {
        return URI.create("http://127.0.0.1:" + options.apiPort() + "/api/v1/");
    }

    URI agentUrl(int number) {
        return URI.create("http://127.0.0.1:" + options.agentPort(number) + "/api/v1/");
    }

    private Map<String, String> sharedEnvironment() {
        Map<String, String> env = new HashMap<>(inheritedEnvironment);
        env.putAll(services.environment());
        env.put(TASKLOGS_DIR, layout.taskLogs().toString());
        return env;
    }

    private static List<String> javaJar(Path jar) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return List.of(java, "-jar", jar.toString());
    }

    /**
     * The process's environment (PATH, HOME, ...) without its FURROW_* settings, plus the FURROW_* settings of the
     * farm's own environment: what a child sees of Furrow's configuration is decided here and nowhere else.
     */
    private static Map<String, String> inheritedEnvironment(Map<String, String> process, Map<String, String> farm) {
        Map<String, String> env = new HashMap<>();
        process.forEach((name, value) -> {
            if (!name.startsWith("FURROW_")) {
                env.put(name, value);
            }
        });
        farm.forEach((name, value) -> {
            if (name.startsWith("FURROW_")) {
                env.put(name, value);
            }
        });
        return env;
    }
}
