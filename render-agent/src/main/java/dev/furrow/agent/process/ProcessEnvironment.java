package dev.furrow.agent.process;

import dev.furrow.agent.config.AgentConfig;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The environment of a task's process, in layers: the agent's own environment (jobtype_include_os_environ), then
 * jobtype_default_environment, then what the job type and the job add. Values may use $VAR / ${VAR}
 * (jobtype_expandvars), expanded against the layers below them; unknown variables stay as written.
 */
public final class ProcessEnvironment {

    private static final Pattern VARIABLE = Pattern.compile("\\$(?:\\{([A-Za-z_][A-Za-z0-9_]*)}|([A-Za-z_][A-Za-z0-9_]*))");

    private final Map<String, String> osEnvironment;
    private final boolean includeOsEnvironment;
    private final Map<String, String> defaults;
    private final boolean expandVars;

    public ProcessEnvironment(Map<String, String> osEnvironment, boolean includeOsEnvironment,
                              Map<String, String> defaults, boolean expandVars) {
        this.osEnvironment = Map.copyOf(osEnvironment);
        this.includeOsEnvironment = includeOsEnvironment;
        this.defaults = defaults;
        this.expandVars = expandVars;
    }

    public static ProcessEnvironment of(AgentConfig config) {
        return new ProcessEnvironment(System.getenv(), config.includeOsEnviron(), config.defaultEnvironment(),
                config.expandVars());
    }

    /** The whole environment of a process whose job type and job ask for {@code extra}. */
    public Map<String, String> build(Map<String, String> extra) {
        Map<String, String> environment = new LinkedHashMap<>(includeOsEnvironment ? osEnvironment : Map.of());
        defaults.forEach((name, value) -> environment.put(name, expand(value, environment)));
        extra.forEach((name, value) -> environment.put(name, expand(value, environment)));
        return environment;
    }

    /** {@code value} with $VAR and ${VAR} replaced from {@code environment} (unless jobtype_expandvars is off). */
    public String expand(String value, Map<String, String> environment) {
        if (!expandVars || value.indexOf('$') < 0) {
            return value;
        }
        Matcher matcher = VARIABLE.matcher(value);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
            String replacement = environment.getOrDefault(name, matcher.group());
            matcher.appendReplacement(result, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(result);
        return result.toString();
    }
}
