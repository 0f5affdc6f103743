package dev.furrow.scheduler.housekeeping;

import dev.furrow.messages.JobChanged;
import dev.furrow.scheduler.FarmDb;
import dev.furrow.scheduler.WorkerFixture;
import dev.furrow.scheduler.jobs.JobEvents;
import dev.furrow.store.logs.TaskLogFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static dev.furrow.scheduler.FarmDb.job;
import static org.assertj.core.api.Assertions.assertThat;

class UpkeepTest {

    @RegisterExtension
    static final WorkerFixture farm = WorkerFixture.perTestClass(Map.of()).emptiedBeforeEachTest();
    static final FarmDb db = farm.db();
    static TaskLogFiles logFiles;

    @BeforeAll
    static void openTaskLogFiles() {
        logFiles = new TaskLogFiles(farm.tasklogs());
    }

    @BeforeEach
    void emptyLogsAndStatistics() {
        db.update("DELETE FROM task_logs");
        db.update("DELETE FROM agent_counts");
        db.update("DELETE FROM task_counts");
        db.update("DELETE FROM task_event_counts");
        db.update("DELETE FROM task_deletions");
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static long finishedJob(String title, String state, Integer autodeleteSeconds, Instant finished) {
        long jobId = db.submit(job().title(title));
        db.update("UPDATE tasks SET state = ?, time_finished = ? WHERE job_id = ?", state, utc(finished), jobId);
        db.update("UPDATE jobs SET state = ?, time_finished = ?, autodelete_time = ? WHERE id = ?", state,
                utc(finished), autodeleteSeconds, jobId);
        return jobId;
    }

    @Test
    void finishedJobsAreDeletedOnceTheirAutodeleteTimeHasPassed() {
        Instant now = Instant.now();
        long due = finishedJob("done long ago", "done", 60, now.minus(Duration.ofHours(2)));
        long failedDue = finishedJob("failed long ago", "failed", 3600, now.minus(Duration.ofHours(2)));
        long notYet = finishedJob("done recently", "done", 3600, now.minus(Duration.ofMinutes(5)));
        long keepForever = finishedJob("no autodelete", "done", null, now.minus(Duration.ofDays(30)));
        long unfinished = db.submit(job().title("still queued"));
        db.update("UPDATE jobs SET autodelete_time = 1 WHERE id = ?", unfinished);

        int marked = farm.bean(AutodeleteJobs.class).run(now);

        assertThat(marked).isEqualTo(2);
        assertThat(db.job(due)).isNull();
        assertThat(db.job(failedDue)).isNull();
        assertThat(db.job(notYet)).isNotNull().containsEntry("to_be_deleted", false);
        assertThat(db.job(keepForever)).isNotNull();
        assertThat(db.job(unfinished)).isNotNull();
    }

    private static String identifier(String suffix) {
        return "2026-11-23_16-05-00_1_" + suffix + ".csv";
    }

    private static void storedLog(String identifier, boolean complete, Instant created) {
        logFiles.append(identifier, "2026-11-23T16:05:00Z,0,1,42,hello\n");
        db.update("INSERT INTO task_logs (identifier, created_on, num_lines, complete) VALUES (?, ?, 1, ?)",
                identifier, utc(created), complete);
    }

    private static void associate(String identifier, long taskId) {
        db.update("INSERT INTO task_log_associations (task_log_id, task_id, attempt) "
                + "SELECT id, ?, 1 FROM task_logs WHERE identifier = ?", taskId, identifier);
    }

    private static String read(String identifier) throws IOException {
        try (InputStream in = logFiles.open(identifier).orElseThrow()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void completeTaskLogsAreCompressedAndStillReadTheSame() throws IOException {
        String complete = identifier("aaaa");
        String growing = identifier("bbbb");
        storedLog(complete, true, Instant.now());
        storedLog(growing, false, Instant.now());

        int compressed = farm.bean(CompressTaskLogs.class).run();

        assertThat(compressed).isEqualTo(1);
        assertThat(farm.tasklogs().resolve(complete + ".gz")).exists();
        assertThat(farm.tasklogs().resolve(complete)).doesNotExist();
        assertThat(read(complete)).isEqualTo("2026-11-23T16:05:00Z,0,1,42,hello\n");
        assertThat(db.row("SELECT compressed FROM task_logs WHERE identifier = ?", complete))
                .containsEntry("compressed", true);
        assertThat(farm.tasklogs().resolve(growing)).exists();
        assertThat(db.row("SELECT compressed FROM task_logs WHERE identifier = ?", growing))
                .containsEntry("compressed", false);
        assertThat(farm.bean(CompressTaskLogs.class).run()).isZero();
    }

    @Test
    void orphanedLogsOlderThanTheGraceAreRemovedWithTheirFiles() throws IOException {
        Instant now = Instant.now();
        Instant old = now.minus(Duration.ofHours(3));
        long taskId = db.taskIds(db.submit(job().title("with log"))).get(0);
        String used = identifier("used");
        String orphanRow = identifier("orphanrow");
        String freshOrphan = identifier("fresh");
        String strayFile = identifier("stray");
        String freshStray = identifier("freshstray");
        storedLog(used, true, old);
        associate(used, taskId);
        storedLog(orphanRow, true, old);
        storedLog(freshOrphan, false, now);
        logFiles.append(strayFile, "x\n");
        logFiles.append(freshStray, "x\n");
        for (String id : new String[] {used, orphanRow, strayFile}) {
            Files.setLastModifiedTime(farm.tasklogs().resolve(id), FileTime.from(old));
        }
        Path unrelated = Files.writeString(farm.tasklogs().resolve(".upload-123.tmp"), "partial");
        Files.setLastModifiedTime(unrelated, FileTime.from(old));

        var removed = farm.bean(CleanOrphanedTaskLogs.class).run(now, Duration.ofHours(1));

        assertThat(removed).containsExactlyInAnyOrder(orphanRow, strayFile);
        assertThat(farm.tasklogs().resolve(orphanRow)).doesNotExist();
        assertThat(farm.tasklogs().resolve(strayFile)).doesNotExist();
        assertThat(db.count("SELECT COUNT(*) FROM task_logs WHERE identifier = ?", orphanRow)).isZero();
        assertThat(farm.tasklogs().resolve(used)).exists();
        assertThat(farm.tasklogs().resolve(freshOrphan)).exists();
        assertThat(farm.tasklogs().resolve(freshStray)).exists();
        assertThat(unrelated).exists();
    }

    @Test
    void agentCountsAreSampledOncePerInterval() {
        db.update("UPDATE agents SET state = 'offline'");
        db.update("INSERT INTO agents (id, hostname, ram, free_ram, cpus, port, state) VALUES "
                + "(UUID(), 's-on1', 1, 1, 1, 1, 'online'), (UUID(), 's-on2', 1, 1, 1, 1, 'online'), "
                + "(UUID(), 's-run', 1, 1, 1, 1, 'running'), (UUID(), 's-dis', 1, 1, 1, 1, 'disabled')");
        long offline = db.count("SELECT COUNT(*) FROM agents WHERE state = 'offline'");
        SampleStatistics statistics = farm.bean(SampleStatistics.class);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        assertThat(statistics.countAgents(now, Duration.ofHours(1))).isTrue();
        assertThat(statistics.countAgents(now.plusSeconds(60), Duration.ofHours(1))).isFalse();

        assertThat(db.rows("SELECT * FROM agent_counts")).singleElement().satisfies(row -> assertThat(row)
                .containsEntry("num_online", 2).containsEntry("num_running", 1)
                .containsEntry("num_disabled", 1).containsEntry("num_offline", (int) offline));
        assertThat(statistics.countAgents(now.plus(Duration.ofHours(1)), Duration.ofHours(1))).isTrue();
        db.update("DELETE FROM agents WHERE hostname LIKE 's-%'");
    }

    @Test
    void taskCountsAndTaskEventsAreSampledPerQueue() {
        long queue = db.createQueue("stats", null, 0, 10, null, null);
        long queued = db.submit(job().title("in queue").frames(1, 4).queue(queue));
        db.submit(job().title("no queue").frames(1, 2));
        Instant now = Instant.now();
        db.update("UPDATE tasks SET time_submitted = ?", utc(now.minusSeconds(60)));
        var tasks = db.taskIds(queued);
        db.update("UPDATE tasks SET state = 'running', time_started = ? WHERE id = ?",
                utc(now.minusSeconds(30)), tasks.get(0));
        db.update("UPDATE tasks SET state = 'done', time_started = ?, time_finished = ? WHERE id = ?",
                utc(now.minusSeconds(40)), utc(now.minusSeconds(20)), tasks.get(1));
        db.update("UPDATE tasks SET state = 'failed', time_started = ?, time_finished = ? WHERE id = ?",
                utc(now.minusSeconds(40)), utc(now.minusSeconds(10)), tasks.get(2));
        SampleStatistics statistics = farm.bean(SampleStatistics.class);

        assertThat(statistics.countTasks(now, Duration.ofMinutes(15))).isTrue();
        assertThat(statistics.countTaskEvents(now, Duration.ofMinutes(15))).isTrue();

        assertThat(db.row("SELECT * FROM task_counts WHERE job_queue_id = ?", queue))
                .containsEntry("total_queued", 1).containsEntry("total_running", 1)
                .containsEntry("total_done", 1).containsEntry("total_failed", 1);
        assertThat(db.row("SELECT * FROM task_counts WHERE job_queue_id IS NULL"))
                .containsEntry("total_queued", 2).containsEntry("total_running", 0);
        assertThat(db.row("SELECT * FROM task_event_counts WHERE job_queue_id = ?", queue))
                .containsEntry("num_new", 4).containsEntry("num_started", 3)
                .containsEntry("num_done", 1).containsEntry("num_failed", 1);
        assertThat(db.row("SELECT * FROM task_event_counts WHERE job_queue_id IS NULL"))
                .containsEntry("num_new", 2).containsEntry("num_started", 0);
    }

    @Test
    void restartsAndDeletedTasksAreCountedInTaskEvents() {
        long queue = db.createQueue("restarts", null, 0, 10, null, null);
        Instant now = Instant.now();
        var tasks = db.taskIds(db.submit(job().title("retried").frames(1, 3).queue(queue)));
        db.update("UPDATE tasks SET state = 'running', time_started = ?, attempts = 2 WHERE id = ?",
                utc(now.minusSeconds(30)), tasks.get(0));
        db.update("UPDATE tasks SET state = 'running', time_started = ?, attempts = 1 WHERE id = ?",
                utc(now.minusSeconds(30)), tasks.get(1));
        db.update("UPDATE tasks SET state = 'running', time_started = ?, attempts = 3 WHERE id = ?",
                utc(now.minus(Duration.ofHours(1))), tasks.get(2));
        long deleted = db.submit(job().title("deleted").frames(1, 4).queue(queue));
        db.update("UPDATE jobs SET to_be_deleted = TRUE WHERE id = ?", deleted);
        long shrunk = db.submit(job().title("shrunk").frames(1, 3));
        long removedTask = db.taskIds(shrunk).get(2);
        // As the api-server shrinks a frame range: delete the tasks, then announce them; delivered twice.
        db.update("DELETE FROM tasks WHERE id = ?", removedTask);
        JobChanged update = new JobChanged(shrunk, JobChanged.Change.UPDATED, List.of(removedTask), now);
        farm.bean(JobEvents.class).handle(update);
        farm.bean(JobEvents.class).handle(update);
        assertThat(farm.bean(DeleteMarkedJobs.class).run()).containsExactly(deleted);
        SampleStatistics statistics = farm.bean(SampleStatistics.class);

        assertThat(statistics.countTaskEvents(now.plusSeconds(1), Duration.ofMinutes(15))).isTrue();

        assertThat(db.row("SELECT * FROM task_event_counts WHERE job_queue_id = ?", queue))
                .containsEntry("num_started", 2).containsEntry("num_restarted", 1).containsEntry("num_deleted", 4);
        assertThat(db.row("SELECT * FROM task_event_counts WHERE job_queue_id IS NULL"))
                .containsEntry("num_deleted", 1);
        assertThat(db.count("SELECT COUNT(*) FROM task_deletions")).as("drained").isZero();
        assertThat(statistics.countTaskEvents(now.plus(Duration.ofMinutes(15)), Duration.ofMinutes(15))).isTrue();
        assertThat(db.count("SELECT COALESCE(SUM(num_deleted), 0) FROM task_event_counts WHERE time_start > ?",
                utc(now))).as("deletions counted once").isZero();
    }
}
