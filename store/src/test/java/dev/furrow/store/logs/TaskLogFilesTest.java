package dev.furrow.store.logs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TaskLogFilesTest {

    @TempDir
    Path dir;

    @Test
    void appendedLinesReadBackBeforeAndAfterCompression() throws Exception {
        var logs = new TaskLogFiles(dir);
        logs.append("job1_task2.csv", "a\n");
        logs.append("job1_task2.csv", "b\n");
        assertThat(read(logs, "job1_task2.csv")).isEqualTo("a\nb\n");

        logs.compress("job1_task2.csv");
        assertThat(Files.exists(dir.resolve("job1_task2.csv"))).isFalse();
        assertThat(read(logs, "job1_task2.csv")).isEqualTo("a\nb\n");
    }

    @Test
    void replaceOverwritesTheWholeLog() throws Exception {
        var logs = new TaskLogFiles(dir);
        logs.append("x.csv", "old\n");
        logs.replace("x.csv", new ByteArrayInputStream("new\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(read(logs, "x.csv")).isEqualTo("new\n");
    }

    @Test
    void pathTraversalIsRefused() {
        var logs = new TaskLogFiles(dir);
        assertThat(TaskLogFiles.isValidIdentifier("../etc/passwd")).isFalse();
        assertThat(TaskLogFiles.isValidIdentifier("a/b.csv")).isFalse();
        assertThat(TaskLogFiles.isValidIdentifier("..")).isFalse();
        assertThat(TaskLogFiles.isValidIdentifier("")).isFalse();
        assertThatThrownBy(() -> logs.append("../x.csv", "a\n")).isInstanceOf(IllegalArgumentException.class);
        assertThat(logs.open("missing.csv")).isEmpty();
    }

    private static String read(TaskLogFiles logs, String id) throws Exception {
        try (InputStream in = logs.open(id).orElseThrow()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theLongestIdentifierStillCompresses() throws Exception {
        var logs = new TaskLogFiles(dir);
        String longest = "a".repeat(TaskLogFiles.MAX_IDENTIFIER_LENGTH);
        assertThat(TaskLogFiles.isValidIdentifier(longest + "a")).isFalse();
        logs.append(longest, "line\n");
        logs.compress(longest);
        assertThat(read(logs, longest)).isEqualTo("line\n");
    }
}
