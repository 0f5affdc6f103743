package dev.furrow.api.web;

import dev.furrow.api.ApiServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The job actions' buttons in Chromium change the job in the database, and a refusal is shown until the next action. */
class JobActionsPageTest {

    @RegisterExtension
    static final ApiServer api = ApiServer.perTestClass();
    @RegisterExtension
    static final Browser browser = Browser.perTestClass();

    static final FarmData farm = new FarmData(api);
    static long comp;
    static String agent;

    @BeforeAll
    static void twoQueuesAndAnAgent() {
        farm.queue("lighting");
        comp = farm.queue("comp");
        agent = farm.agent("node-a");
    }

    static FarmData.Job jobWithTwoFailedTasks(String title) {
        FarmData.Job job = farm.job(title, 2, Map.of());
        for (int task = 0; task < 2; task++) {
            farm.report(job, task, Map.of("state", "running", "agent_id", agent));
            farm.report(job, task, Map.of("state", "failed", "last_error", "exit code 1"));
        }
        return job;
    }

    static void openJob(FarmData.Job job) {
        browser.open(api.uri("/#/jobs/" + job.id()));
        browser.visible("#job-actions");
    }

    String taskState(FarmData.Job job, int index) throws Exception {
        return farm.value("SELECT state FROM tasks WHERE id = ?", job.tasks().get(index));
    }

    @Test
    void pauseAndUnpausePauseTheJobInTheDatabase() throws Exception {
        FarmData.Job job = farm.job("pause me", 3, Map.of());
        openJob(job);

        browser.showing("#pause", "Pause");
        browser.click("#pause");

        browser.showing("#notice", "Job " + job.id() + " paused");
        assertThat(farm.value("SELECT state FROM jobs WHERE id = ?", job.id())).isEqualTo("paused");
        browser.showing("#view h2 .state", "paused");

        browser.showing("#pause", "Unpause");
        browser.click("#pause");

        browser.showing("#notice", "Job " + job.id() + " unpaused");
        assertThat(farm.value("SELECT state FROM jobs WHERE id = ?", job.id())).isEqualTo("queued");
        browser.showing("#pause", "Pause");
    }

    @Test
    void rerunFailedTasksQueuesEveryFailedTaskAgain() throws Exception {
        FarmData.Job job = jobWithTwoFailedTasks("rerun failed");
        openJob(job);
        browser.showing("#view h2 .state", "failed");

        browser.click("#rerun-failed");

        browser.showing("#notice", "Failed tasks of job " + job.id() + " queued again");
        assertThat(taskState(job, 0)).isEqualTo("queued");
        assertThat(taskState(job, 1)).isEqualTo("queued");
        browser.await(d -> !browser.visible("#rerun-failed").isEnabled());
    }

    @Test
    void rerunOfOneTaskQueuesOnlyThatTask() throws Exception {
        FarmData.Job job = jobWithTwoFailedTasks("rerun one");
        openJob(job);

        browser.click("#tasks tr[data-task='" + job.tasks().get(1) + "'] button[data-action=rerun]");

        browser.showing("#notice", "Task " + job.tasks().get(1) + " queued again");
        assertThat(taskState(job, 1)).isEqualTo("queued");
        assertThat(taskState(job, 0)).isEqualTo("failed");
        browser.showing("#tasks tr[data-task='" + job.tasks().get(1) + "'] .state", "queued");
    }

    @Test
    void moveToQueuePutsTheJobInTheChosenQueue() throws Exception {
        FarmData.Job job = farm.job("move me", 1, Map.of("jobqueue", "lighting"));
        openJob(job);
        browser.showing("#job-fields dd[data-field=queue]", "lighting");

        browser.choose("#move-queue", String.valueOf(comp));
        browser.click("#move");

        browser.showing("#notice", "Job " + job.id() + " moved to comp");
        assertThat(farm.value("SELECT job_queue_id FROM jobs WHERE id = ?", job.id())).isEqualTo(String.valueOf(comp));
        browser.showing("#job-fields dd[data-field=queue]", "comp");
    }

    @Test
    void deleteAsksFirstThenMarksTheJobForDeletion() throws Exception {
        FarmData.Job job = farm.job("delete me", 2, Map.of());
        openJob(job);

        browser.click("#delete");
        browser.showing("#job-actions .confirm", "Delete job " + job.id() + " and stop its tasks?");
        browser.click("[data-confirm=no]");
        assertThat(farm.value("SELECT to_be_deleted FROM jobs WHERE id = ?", job.id())).isEqualTo("0");

        browser.click("#delete");
        browser.click("[data-confirm=yes]");

        browser.showing("#notice", "Job " + job.id() + " is being deleted");
        browser.await(d -> browser.fragment().startsWith("/jobs") && !browser.fragment().startsWith("/jobs/"));
        assertThat(farm.value("SELECT to_be_deleted FROM jobs WHERE id = ?", job.id())).isEqualTo("1");
        browser.showing("#jobs tr[data-job='" + job.id() + "']", "deleting");
    }

    @Test
    void aRefusedActionShowsTheServersReasonUntilTheNextAction() throws Exception {
        long doomed = farm.queue("doomed");
        FarmData.Job job = farm.job("refused move", 1, Map.of());
        openJob(job);
        browser.choose("#move-queue", String.valueOf(doomed));
        farm.ok(api.delete("/api/v1/jobqueues/" + doomed));

        browser.click("#move");

        browser.showing("#error", "jobqueue '" + doomed + "' not found");
        assertThat(browser.text("#error")).contains("POST /api/v1/jobs/" + job.id() + "/move → 404");
        String before = browser.text("#updated");
        browser.await(d -> !browser.text("#updated").equals(before));
        assertThat(browser.text("#error")).as("a refresh keeps an action's refusal")
                .contains("jobqueue '" + doomed + "' not found");

        browser.click("#pause");
        browser.showing("#notice", "Job " + job.id() + " paused");
        assertThat(browser.driver().findElement(By.id("error")).isDisplayed()).isFalse();
    }
}
