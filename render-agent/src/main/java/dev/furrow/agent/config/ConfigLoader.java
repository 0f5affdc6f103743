package dev.furrow.agent.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.furrow.agent.jobtype.ScriptEngines;
import dev.furrow.agent.process.PathMap;
import dev.furrow.messages.AgentState;
import dev.furrow.messages.Json;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Resolves every {@link Setting}: command-line flags win over the environment, which wins over agent.yml, then defaults. */
public final class ConfigLoader {

    private final Map<String, String> environment;
    private final Path tempRoot;
    private final Path home;

    public ConfigLoader(Map<String, String> environment, Path tempRoot, Path home) {
        this.environment = environment;
        this.tempRoot = tempRoot;
        this.home = home;
    }

    public static ConfigLoader forThisProcess() {
        return new ConfigLoader(System.getenv(), Path.of(System.getProperty("java.io.tmpdir")),
                Path.of(System.getProperty("user.home")));
    }

    /** Builds the config; {@code configFile} may be null (no agent.yml). */
    public AgentConfig load(Map<Setting, String> flags, Path configFile) {
        Map<String, Object> yaml = configFile == null ? Map.of() : readYaml(configFile);
        Map<Setting, String> values = new EnumMap<>(Setting.class);
        for (Setting setting : Setting.values()) {
            String value = flags.get(setting);
            if (value == null) {
                value = blankToNull(environment.get(setting.envVar()));
            }
            if (value == null && yaml.get(setting.yamlKey()) != null) {
                value = yamlValue(yaml.get(setting.yamlKey()));
            }
            if (value == null) {
                value = setting.defaultValue();
            }
            values.put(setting, value == null ? null : expand(value));
        }
        return build(values);
    }

    private AgentConfig build(Map<Setting, String> v) {
        String masterApi = v.get(Setting.MASTER_API) != null ? v.get(Setting.MASTER_API)
                : v.get(Setting.MASTER) != null ? "http://" + v.get(Setting.MASTER) + "/api/v1" : null;
        return new AgentConfig(
                masterApi,
                isAuto(v.get(Setting.HOST)) ? localHostname() : v.get(Setting.HOST),
                integer(v, Setting.PORT),
                v.get(Setting.AGENT_ID) == null ? null : uuid(v.get(Setting.AGENT_ID)),
                Path.of(v.get(Setting.AGENT_ID_FILE)),
                v.get(Setting.FARM_NAME),
                isAuto(v.get(Setting.CPUS)) ? null : integer(v, Setting.CPUS),
                isAuto(v.get(Setting.RAM)) ? null : integer(v, Setting.RAM),
                Path.of(v.get(Setting.TASK_LOG_DIR)),
                seconds(v, Setting.SHUTDOWN_TIMEOUT),
                state(v.get(Setting.STATE)),
                bool(v, Setting.CAPTURE_PROCESS_OUTPUT),
                Path.of(v.get(Setting.PIDFILE)),
                v.get(Setting.LOG) == null ? null : Path.of(v.get(Setting.LOG)),
                seconds(v, Setting.HEARTBEAT_INTERVAL),
                bool(v, Setting.ALLOW_SHARING),
                v.get(Setting.IP_REMOTE),
                isAuto(v.get(Setting.TIME_OFFSET)) ? 0 : number(v, Setting.TIME_OFFSET),
                seconds(v, Setting.KILL_GRACE),
                seconds(v, Setting.RAM_CHECK_INTERVAL),
                Path.of(v.get(Setting.SPOOL_DIR)),
                integer(v, Setting.REPORT_MEMORY_LIMIT),
                Path.of(v.get(Setting.JOBTYPE_CACHE_DIR)),
                bool(v, Setting.JOBTYPE_NO_CACHE),
                seconds(v, Setting.JOBTYPE_SCRIPT_TIMEOUT),
                isAuto(v.get(Setting.JOBTYPE_SCRIPT_ENGINE_DIR)) ? ScriptEngines.defaultEngineDir()
                        : Path.of(v.get(Setting.JOBTYPE_SCRIPT_ENGINE_DIR)),
                environment(v, Setting.JOBTYPE_DEFAULT_ENVIRONMENT),
                bool(v, Setting.JOBTYPE_INCLUDE_OS_ENVIRON),
                bool(v, Setting.JOBTYPE_EXPANDVARS),
                pathMaps(v, Setting.PATH_MAPS),
                v.get(Setting.API_USERNAME),
                v.get(Setting.API_PASSWORD),
                v.get(Setting.AMQP_URL),
                v.get(Setting.AMQP_NAMESPACE),
                Path.of(v.get(Setting.UPDATES_DIR)),
                integer(v, Setting.SUPERVISOR_MAX_RESTARTS),
                seconds(v, Setting.SUPERVISOR_RESTART_WINDOW),
                v.get(Setting.RUN_AS_USER),
                v.get(Setting.RUN_AS_GROUP),
                v.get(Setting.CHDIR) == null ? null : Path.of(v.get(Setting.CHDIR)),
                v.get(Setting.MASTER),
                seconds(v, Setting.MASTER_REANNOUNCE),
                integer(v, Setting.RAM_REPORT_DELTA),
                seconds(v, Setting.RAM_MAX_REPORT_FREQUENCY),
                integer(v, Setting.SPOOL_LIMIT),
                integer(v, Setting.JOBTYPE_SCRIPT_MEMORY),
                integer(v, Setting.SUPERVISOR_ROLLBACK_CRASHES),
                Path.of(v.get(Setting.SUPERVISOR_PIDFILE)),
                v.get(Setting.UID),
                v.get(Setting.GID));
    }

    private Map<String, Object> readYaml(Path file) {
        try (Reader reader = Files.newBufferedReader(file)) {
            Object parsed = new Yaml().load(reader);
            if (parsed == null) {
                return Map.of();
            }
            if (!(parsed instanceof Map<?, ?> map)) {
                throw new InvalidConfig(file + " must be a YAML mapping of agent.yml keys (e.g. 'agent_api_port: 50000')");
            }
            Map<String, Object> result = new HashMap<>();
            map.forEach((key, value) -> result.put(String.valueOf(key), value));
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the config file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Scalars as they are written; mappings and lists (jobtype_default_environment, agent_path_maps) as JSON. */
    private static String yamlValue(Object value) {
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            try {
                return Json.mapper().writeValueAsString(value);
            } catch (JsonProcessingException e) {
                throw new InvalidConfig("cannot read " + value + " as JSON: " + e.getMessage());
            }
        }
        return String.valueOf(value);
    }

    private static Map<String, String> environment(Map<Setting, String> v, Setting s) {
        try {
            Map<String, Object> parsed = Json.mapper().readValue(v.get(s), new TypeReference<Map<String, Object>>() { });
            Map<String, String> result = new LinkedHashMap<>();
            parsed.forEach((key, value) -> result.put(key, value == null ? "" : String.valueOf(value)));
            return java.util.Collections.unmodifiableMap(result);
        } catch (JsonProcessingException e) {
            throw new InvalidConfig("%s (%s / %s) must be a mapping of variable names to values, e.g. {\"RENDERER\": \"/opt/r\"}; got '%s'"
                    .formatted(s.flag(), s.envVar(), s.yamlKey(), v.get(s)));
        }
    }

    private static List<PathMap> pathMaps(Map<Setting, String> v, Setting s) {
        try {
            return List.copyOf(Json.mapper().readValue(v.get(s), new TypeReference<List<PathMap>>() { }));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new InvalidConfig("%s (%s / %s) must be a list like [{\"from\": \"/mnt/projects\", \"to\": \"/projects\"}]; got '%s'"
                    .formatted(s.flag(), s.envVar(), s.yamlKey(), v.get(s)));
        }
    }

    private String expand(String value) {
        String expanded = value.replace("$temp", tempRoot.toString());
        if (expanded.equals("~") || expanded.startsWith("~/")) {
            expanded = home + expanded.substring(1);
        }
        return expanded;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static boolean isAuto(String value) {
        return value == null || value.equalsIgnoreCase("auto");
    }

    private static int integer(Map<Setting, String> v, Setting s) {
        try {
            return Integer.parseInt(v.get(s).trim());
        } catch (NumberFormatException e) {
            throw new InvalidConfig("%s (%s / %s) must be a whole number, got '%s'"
                    .formatted(s.flag(), s.envVar(), s.yamlKey(), v.get(s)));
        }
    }

    private static double number(Map<Setting, String> v, Setting s) {
        try {
            return Double.parseDouble(v.get(s).trim());
        } catch (NumberFormatException e) {
            throw new InvalidConfig("%s (%s / %s) must be a number, got '%s'"
                    .formatted(s.flag(), s.envVar(), s.yamlKey(), v.get(s)));
        }
    }

    private static Duration seconds(Map<Setting, String> v, Setting s) {
        return Duration.ofMillis(Math.round(number(v, s) * 1000));
    }

    private static boolean bool(Map<Setting, String> v, Setting s) {
        String value = v.get(s).trim().toLowerCase();
        return switch (value) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw new InvalidConfig("%s (%s / %s) must be true or false, got '%s'"
                    .formatted(s.flag(), s.envVar(), s.yamlKey(), v.get(s)));
        };
    }

    private static UUID uuid(String value) {
        try {
            return UUID.fromString(value.trim());
        } catch (IllegalArgumentException e) {
            throw new InvalidConfig("--agent-id must be a UUID like 3f2b8c1e-0d4a-4b5e-9c6f-1a2b3c4d5e6f, got '" + value + "'");
        }
    }

    private static AgentState state(String value) {
        try {
            return AgentState.fromWireName(value.trim());
        } catch (IllegalArgumentException e) {
            throw new InvalidConfig("--state must be one of online, disabled, running, offline; got '" + value + "'");
        }
    }

    private static String localHostname() {
        try {
            return InetAddress.getLocalHost().getCanonicalHostName();
        } catch (UnknownHostException e) {
            throw new InvalidConfig("cannot determine this host's name (" + e.getMessage() + "); pass --host");
        }
    }

    /** A setting has a value the agent cannot use; the message names the flag, variable and key to fix. */
    public static final class InvalidConfig extends RuntimeException {
        public InvalidConfig(String message) {
            super(message);
        }
    }
}
