package dev.furrow.agent.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The local RabbitMQ's rabbitmqctl, for cutting one client off without touching the server others use: a private
 * user whose permissions can be taken away (its connections cannot come back) and given back.
 */
public final class RabbitControl {

    private RabbitControl() {
    }

    /** Creates {@code user} with full permissions on the default vhost. */
    public static void addUser(String user, String password) {
        run("add_user", user, password);
        grant(user);
    }

    public static void grant(String user) {
        run("set_permissions", "-p", "/", user, ".*", ".*", ".*");
    }

    /** Takes the user's permissions away and closes every connection whose name contains {@code connectionName}. */
    public static int cutOff(String user, String connectionName) {
        run("clear_permissions", "-p", "/", user);
        int closed = 0;
        for (String line : run("list_connections", "-q", "--no-table-headers", "pid", "client_properties").lines().toList()) {
            if (line.contains("\"" + connectionName)) {
                run("close_connection", line.substring(0, line.indexOf('\t')), "test cuts the agent off");
                closed++;
            }
        }
        return closed;
    }

    public static void deleteUser(String user) {
        run("delete_user", user);
    }

    private static String run(String... args) {
        List<String> command = new ArrayList<>(List.of("rabbitmqctl"));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError(command + " failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command + " (is RabbitMQ's rabbitmqctl on the PATH?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + command, e);
        }
    }
}
