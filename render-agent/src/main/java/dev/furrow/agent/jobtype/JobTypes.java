package dev.furrow.agent.jobtype;

import dev.furrow.agent.config.AgentConfig;
import dev.furrow.agent.master.MasterApi;
import dev.furrow.messages.AssignTasks;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The job types this agent can run: the built-ins by name, and any other from the master (fetched and cached,
 * {@code classname} {@code command} or {@code script}).
 */
public final class JobTypes {

    private final Map<String, JobType> byName;
    private final MasterJobTypes master;
    private final ScriptEngines scriptEngines;

    public JobTypes(List<JobType> jobTypes, MasterJobTypes master, ScriptEngines scriptEngines) {
        this.byName = jobTypes.stream().collect(Collectors.toUnmodifiableMap(JobType::name, Function.identity()));
        this.master = master;
        this.scriptEngines = scriptEngines;
    }

    public static List<JobType> builtins() {
        return List.of(new CommandJobType(), new FakeRenderJobType(), new BlenderJobType());
    }

    public static JobTypes forAgent(AgentConfig config) {
        return new JobTypes(builtins(), new MasterJobTypes(MasterApi.at(config.masterApi()), config.jobtypeCacheDir(),
                !config.jobtypeNoCache()), new ScriptEngines(config.scriptEngineDir(),
                config.jobtypeCacheDir().resolve(".graaljs-resources"),
                new ScriptLimits(config.scriptTimeout(), config.scriptMemoryMb() * 1024L * 1024L)));
    }

    public Optional<JobType> named(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /**
     * The job type of {@code job}: a built-in, or the job's version fetched from the master. Throws
     * {@link MasterJobTypes.Unavailable} with the reason the assignment is rejected.
     */
    public JobType forJob(AssignTasks.Job job) {
        JobType builtin = byName.get(job.jobtype());
        if (builtin != null) {
            return builtin;
        }
        JobTypeDefinition definition;
        try {
            definition = master.definition(job.jobtype(), job.jobtypeVersion());
        } catch (MasterJobTypes.Unavailable e) {
            throw new MasterJobTypes.Unavailable("unknown job type '%s': not built in (this agent runs %s) and %s"
                    .formatted(job.jobtype(), String.join(", ", names()), e.getMessage()));
        }
        try {
            return switch (definition.classname()) {
                case "command" -> DeclarativeJobType.parse(definition);
                case "script" -> new ScriptJobType(definition, scriptEngines);
                default -> throw new MasterJobTypes.Unavailable(("job type '%s' version %d has classname '%s'; this "
                        + "agent runs 'command' (JSON definition) and 'script' (JavaScript hooks) job types, and the "
                        + "built-ins %s").formatted(job.jobtype(), job.jobtypeVersion(), definition.classname(), names()));
            };
        } catch (JobType.InvalidJobData e) {
            throw new MasterJobTypes.Unavailable("job type '%s' version %d cannot be used: %s"
                    .formatted(job.jobtype(), job.jobtypeVersion(), e.getMessage()));
        }
    }

    public List<String> names() {
        return byName.keySet().stream().sorted().toList();
    }
}
