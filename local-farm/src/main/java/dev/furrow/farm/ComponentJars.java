package dev.furrow.farm;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** Where the runnable jars of the three components are in a built checkout. */
public record ComponentJars(Path root) {

    public Path apiServer() {
        return jar("api-server");
    }

    public Path schedulerWorker() {
        return jar("scheduler-worker");
    }

    public Path renderAgent() {
        return jar("render-agent");
    }

    /** Fails, naming every missing jar and how to build them, unless all three exist. */
    public void requireBuilt() {
        List<Path> missing = List.of(apiServer(), schedulerWorker(), renderAgent()).stream()
                .filter(jar -> !Files.isRegularFile(jar))
                .toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("the local farm needs the component jars, but "
                    + missing.stream().map(Path::toString).collect(Collectors.joining(", "))
                    + (missing.size() == 1 ? " is" : " are") + " missing. Build them first: run 'make build'"
                    + " (mvn -B -DskipTests package) in " + root
                    + ", or pass --root / -Dfurrow.root=<checkout> if the jars are built elsewhere.");
        }
    }

    private Path jar(String module) {
        return root.resolve(module).resolve("target").resolve("furrow-" + module + ".jar");
    }
}
