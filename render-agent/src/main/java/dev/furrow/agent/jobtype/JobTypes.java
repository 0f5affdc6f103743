package dev.furrow.agent.jobtype;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The job types this agent can run, by name. */
public final class JobTypes {

    private final Map<String, JobType> byName;

    public JobTypes(List<JobType> jobTypes) {
        this.byName = jobTypes.stream().collect(Collectors.toUnmodifiableMap(JobType::name, Function.identity()));
    }

    public static JobTypes builtin() {
        return new JobTypes(List.of(new CommandJobType(), new FakeRenderJobType(), new BlenderJobType()));
    }

    public Optional<JobType> named(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public List<String> names() {
        return byName.keySet().stream().sorted().toList();
    }
}
