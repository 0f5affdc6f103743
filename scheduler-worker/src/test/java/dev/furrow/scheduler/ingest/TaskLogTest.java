package dev.furrow.scheduler.ingest;

import dev.furrow.messages.AssignTasks;
import dev.furrow.scheduler.Await;
import dev.furrow.scheduler.FarmDb;
import dev.furrow.scheduler.SimulatedAgent;
import dev.furrow.scheduler.WorkerFixture;
import dev.furrow.store.logs.TaskLogFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import static dev.furrow.scheduler.FarmDb.job;
import static org.assertj.core.api.Assertions.assertThat;

class TaskLogTest {

    static final String LINE_1 = "2026-11-23T16:05:00.100Z,0,1,4242,Rendering frame 1\n";
    static final String LINE_2 = "2026-11-23T16:05:00.200Z,1,2,4242,\"warning: two\nlines, quoted\"\n";
    static final String LINE_3 = "2026-11-23T16:05:01.000Z,0,3,4242,Done\n";

    @RegisterExtension
    static final WorkerFixture farm = WorkerFixture.perTestClass(Map.of());
    static final FarmDb db = farm.db();
    static SimulatedAgent agent;
    static long jobId;
    static List<Long> taskIds;

    @BeforeAll
    static void assignATwoTaskJobToOneAgent() {
        jobId = db.submit(job().jobtype("blender").frames(1, 2).batch(2));
        taskIds = db.taskIds(jobId);
        agent = farm.agent("logger").announce();
        agent.requestWork();
        AssignTasks assignment = agent.awaitAssignment();
        assertThat(assignment.tasks()).hasSize(2);
    }

    private static String identifier() {
        return "2026-11-23_16-05-00_" + jobId + "_" + UUID.randomUUID().toString().replace("-", "") + ".csv";
    }

    private static String stored(String identifier) {
        try (InputStream in = new TaskLogFiles(farm.tasklogs()).open(identifier).orElseThrow()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Map<String, Object> log(String identifier) {
        return db.row("SELECT * FROM task_logs WHERE identifier = ?", identifier);
    }

    @Test
    void chunksAreAppendedInOrderAndTheLogIsRegisteredAgainstTheAttempt() {
        String id = identifier();
        agent.logLines(jobId, taskIds, 1, id, 1, LINE_1 + LINE_2, false);
        agent.logLines(jobId, taskIds, 1, id, 3, LINE_3, true);

        Map<String, Object> row = Await.until("log complete", () -> log(id),
                r -> r != null && Boolean.TRUE.equals(r.get("complete")));
        assertThat(row).containsEntry("num_lines", 3L).containsEntry("agent_id", agent.id().toString());
        assertThat(stored(id)).isEqualTo(LINE_1 + LINE_2 + LINE_3);
        assertThat(db.rows("SELECT task_id, attempt FROM task_log_associations WHERE task_log_id = ? ORDER BY task_id",
                row.get("id"))).extracting(r -> r.get("task_id"), r -> r.get("attempt"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple(taskIds.get(0), 1),
                        org.assertj.core.groups.Tuple.tuple(taskIds.get(1), 1));
    }

    @Test
    void aRedeliveredChunkIsNotAppendedTwice() {
        String id = identifier();
        agent.logLines(jobId, taskIds, 1, id, 1, LINE_1, false);
        agent.logLines(jobId, taskIds, 1, id, 1, LINE_1, false);
        agent.logLines(jobId, taskIds, 1, id, 2, LINE_2, true);

        Await.until("log complete", () -> log(id), r -> r != null && Boolean.TRUE.equals(r.get("complete")));
        assertThat(stored(id)).isEqualTo(LINE_1 + LINE_2);
        assertThat(log(id)).containsEntry("num_lines", 2L);
    }

    @Test
    void aChunkThatOvertookItsPredecessorWaitsAndIsAppendedAfterIt() {
        String id = identifier();
        agent.logLines(jobId, taskIds, 1, id, 1, LINE_1, false);
        Await.until("first chunk", () -> log(id), r -> r != null && Long.valueOf(1).equals(r.get("num_lines")));

        agent.logLines(jobId, taskIds, 1, id, 3, LINE_3, true);
        Await.until("third chunk waiting", () -> db.count(
                "SELECT COUNT(*) FROM task_log_pending_chunks WHERE task_log_id = ?", log(id).get("id")), n -> n == 1);
        assertThat(stored(id)).isEqualTo(LINE_1);
        assertThat(log(id)).containsEntry("num_lines", 1L).containsEntry("complete", false);

        agent.logLines(jobId, taskIds, 1, id, 2, LINE_2, false);
        Map<String, Object> row = Await.until("log complete", () -> log(id),
                r -> Boolean.TRUE.equals(r.get("complete")));
        assertThat(row).containsEntry("num_lines", 3L);
        assertThat(stored(id)).isEqualTo(LINE_1 + LINE_2 + LINE_3);
        assertThat(db.count("SELECT COUNT(*) FROM task_log_pending_chunks WHERE task_log_id = ?", row.get("id")))
                .isZero();
    }

    @Test
    void aProcessWithoutOutputStillGetsACompleteEmptyLog() {
        String id = identifier();
        agent.logLines(jobId, taskIds, 1, id, 1, "", true);

        Map<String, Object> row = Await.until("empty log", () -> log(id), Objects::nonNull);
        assertThat(row).containsEntry("num_lines", 0L).containsEntry("complete", true);
        assertThat(db.count("SELECT COUNT(*) FROM task_log_associations WHERE task_log_id = ?", row.get("id")))
                .isEqualTo(2);
    }
}
