package dev.furrow.agent.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A user as the system's account database ({@code getent}, so LDAP/NIS users work) knows it. Lookups throw
 * {@link Unknown} saying what is missing; callers add which setting to fix.
 */
public record Account(String name, int uid, int gid, String home) {

    /** The user named (or numbered) {@code nameOrId}. */
    public static Account user(String nameOrId) {
        String[] fields = getent("passwd", nameOrId)
                .orElseThrow(() -> new Unknown("there is no user '" + nameOrId + "' on this agent"))
                .split(":", -1);
        return new Account(fields[0], Integer.parseInt(fields[2]), Integer.parseInt(fields[3]), fields[5]);
    }

    /** The id of the group named (or numbered) {@code nameOrId}. */
    public static int groupId(String nameOrId) {
        String[] fields = getent("group", nameOrId)
                .orElseThrow(() -> new Unknown("there is no group '" + nameOrId + "' on this agent"))
                .split(":", -1);
        return Integer.parseInt(fields[2]);
    }

    /** HOME, USER and LOGNAME of this user, for the environment of a process that runs as it. */
    public Map<String, String> loginEnvironment() {
        return Map.of("HOME", home, "USER", name, "LOGNAME", name);
    }

    /** The user id this process runs as (the owner of /proc/self). */
    public static int currentUid() {
        return procSelf("unix:uid");
    }

    /** The group id this process runs as (the group of /proc/self). */
    public static int currentGid() {
        return procSelf("unix:gid");
    }

    private static int procSelf(String attribute) {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), attribute);
        } catch (IOException | UnsupportedOperationException e) {
            throw new IllegalStateException("cannot tell which user the agent runs as (" + e.getMessage()
                    + "); switching users needs Linux", e);
        }
    }

    private static Optional<String> getent(String database, String key) {
        if (key == null || !key.matches("[A-Za-z0-9_.][A-Za-z0-9_.-]{0,31}")) {
            throw new Unknown("'" + key + "' is not a user or group name or id");
        }
        try {
            Process process = new ProcessBuilder("getent", database, key).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new Unknown("getent " + database + " " + key + " did not answer within 10 s");
            }
            return process.exitValue() == 0 && !output.isEmpty() ? Optional.of(output.lines().findFirst().orElseThrow())
                    : Optional.empty();
        } catch (IOException e) {
            throw new Unknown("cannot look up " + database + " entry '" + key + "' with getent: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unknown("interrupted while looking up '" + key + "'");
        }
    }

    /** The account or group cannot be had; the message says why. */
    public static final class Unknown extends IllegalArgumentException {
        public Unknown(String message) {
            super(message);
        }
    }
}
