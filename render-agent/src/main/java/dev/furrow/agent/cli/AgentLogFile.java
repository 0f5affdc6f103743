package dev.furrow.agent.cli;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Sends the agent's own log to a file as well (--log), appending; unless the process's output already goes to that
 * file (a background agent's or supervisor's does), which would write every line twice.
 */
final class AgentLogFile {

    private AgentLogFile() {
    }

    static void attach(Path file) {
        if (stdoutGoesTo(file)) {
            return;
        }
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{ISO8601} %-5level [%thread] %logger{36} - %msg%n");
        encoder.start();
        FileAppender<ILoggingEvent> appender = new FileAppender<>();
        appender.setContext(context);
        appender.setName("agent-log-file");
        appender.setFile(file.toString());
        appender.setAppend(true);
        appender.setEncoder(encoder);
        appender.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
    }

    private static boolean stdoutGoesTo(Path file) {
        Path stdout = Path.of("/proc/self/fd/1");
        try {
            return Files.exists(file) && Files.exists(stdout) && Files.isSameFile(stdout, file);
        } catch (IOException e) {
            return false;
        }
    }
}
