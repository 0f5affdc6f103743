package dev.furrow.agent.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The Unix account the run-as tests switch to: user {@value #USER}, group {@value #GROUP}, made when missing (needs root). */
public final class TestAccounts {

    public static final String USER = "furrowtest";
    public static final String GROUP = "furrowtestgrp";

    private TestAccounts() {
    }

    public static void ensure() throws Exception {
        assertThat(run("id", "-u")).as("these tests run as root").isEqualTo("0");
        if (!exitsZero("getent", "group", GROUP)) {
            run("groupadd", GROUP);
        }
        if (!exitsZero("getent", "passwd", USER)) {
            run("useradd", "-M", "-s", "/usr/sbin/nologin", USER);
        }
    }

    public static String uid() throws Exception {
        return run("id", "-u", USER);
    }

    /** The user's primary group id. */
    public static String gid() throws Exception {
        return run("id", "-g", USER);
    }

    /** The id of {@link #GROUP}. */
    public static String otherGid() throws Exception {
        return run("getent", "group", GROUP).split(":")[2];
    }

    /** Runs a command that must exit 0; returns its output, trimmed. */
    public static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0)
                .as(String.join(" ", List.of(command)) + ": " + output).isTrue();
        return output;
    }

    private static boolean exitsZero(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
    }
}
