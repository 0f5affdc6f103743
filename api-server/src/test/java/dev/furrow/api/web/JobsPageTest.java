package dev.furrow.api.web;

import dev.furrow.api.ApiServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The job list and a job's page in Chromium: what the farm holds shows, filters and paging work, errors show. */
class JobsPageTest {

    @RegisterExtension
    static final ApiServer api = ApiServer.perTestClass();
    @RegisterExtension
    static final Browser browser = Browser.perTestClass();

    static final FarmData farm = new FarmData(api);
    static final List<Long> jobsNewestFirst = new ArrayList<>();
    static FarmData.Job hero;
    static FarmData.Job shot03;
    static FarmData.Job shot11;

    /**
     * Eleven two-frame shots of ana and ben in two queues (two of them failed, shot 11 waiting for shot 03), then
     * ana's five-frame hero job.
     */
    @BeforeAll
    static void aFarmWithTwelveJobs() throws Exception {
        farm.user("ana");
        farm.user("ben");
        farm.queue("lighting");
        farm.queue("comp");
        String agent = farm.agent("node-a");
        for (int shot = 1; shot <= 11; shot++) {
            Map<String, Object> fields = new HashMap<>(Map.of("user", shot % 2 == 1 ? "ana" : "ben",
                    "jobqueue", shot % 2 == 1 ? "lighting" : "comp"));
            if (shot == 11) {
                fields.put("parents", List.of(shot03.id()));
            }
            FarmData.Job job = farm.job("shot %02d".formatted(shot), 2, fields);
            shot03 = shot == 3 ? job : shot03;
            shot11 = shot == 11 ? job : shot11;
            if (shot == 3 || shot == 7) {
                for (int task = 0; task < 2; task++) {
                    farm.report(job, task, Map.of("state", "running", "agent_id", agent));
                    farm.report(job, task, Map.of("state", "failed", "last_error", "exit code 1"));
                }
            }
            jobsNewestFirst.add(0, job.id());
        }
        hero = farm.job("hero sim", 5, Map.of("user", "ana", "jobqueue", "lighting", "priority", 50));
        jobsNewestFirst.add(0, hero.id());
        farm.report(hero, 0, Map.of("state", "running", "agent_id", agent));
        farm.report(hero, 0, Map.of("state", "done"));
        farm.report(hero, 1, Map.of("state", "running", "agent_id", agent, "progress", 0.4));
        farm.report(hero, 2, Map.of("state", "running", "agent_id", agent));
        farm.log(hero, 2, 1, "hero-frame-3.csv", agent, """
                2026-11-23T16:05:00Z,0,1,4242,rendering frame 3
                2026-11-23T16:05:01Z,1,2,4242,"warning: low memory, still going"
                """);
        farm.report(hero, 2, Map.of("state", "failed", "last_error", "exit code 3"));
    }

    static List<Long> shownJobs() {
        return browser.driver().findElements(By.cssSelector("#jobs tbody tr[data-job]")).stream()
                .map(row -> Long.parseLong(row.getAttribute("data-job"))).toList();
    }

    /** Whether the list shows that many rows and each mentions all the words (read in one go: the list re-renders). */
    static boolean rowsAllMention(int rows, String... words) {
        List<String> texts = browser.texts("#jobs tbody tr[data-job]");
        return texts.size() == rows && texts.stream().allMatch(row -> List.of(words).stream().allMatch(row::contains));
    }

    static String jobRow(long id) {
        return browser.text("#jobs tr[data-job='" + id + "']");
    }

    @Test
    void jobsAppearNewestFirstWithTheirProgressQueueAndUser() {
        browser.open(api.uri("/#/jobs"));

        browser.await(d -> shownJobs().equals(jobsNewestFirst));
        String hero = jobRow(JobsPageTest.hero.id());
        assertThat(hero).contains("hero sim", "running", "1/5, 1 failed", "lighting", "ana", "50");
        assertThat(jobRow(jobsNewestFirst.get(1))).contains("shot 11", "queued", "0/2", "lighting", "ana");
        assertThat(jobRow(jobsNewestFirst.get(9))).contains("shot 03", "failed", "0/2, 2 failed", "lighting");
    }

    @Test
    void filtersNarrowTheListAndStayInTheAddress() {
        browser.open(api.uri("/#/jobs"));
        browser.await(d -> shownJobs().size() == 12);

        browser.choose("#job-filters select[name=state]", "failed");
        browser.await(d -> shownJobs().equals(List.of(jobsNewestFirst.get(5), jobsNewestFirst.get(9))));
        assertThat(browser.fragment()).contains("state=failed");

        browser.choose("#job-filters select[name=state]", "");
        browser.choose("#job-filters select[name=queue]", "comp");
        browser.await(d -> rowsAllMention(5, "comp", "ben"));

        browser.choose("#job-filters select[name=queue]", "");
        browser.await(d -> shownJobs().size() == 12);
        WebElement user = browser.visible("#job-filters input[name=user]");
        user.sendKeys("ana", Keys.ENTER);
        browser.await(d -> rowsAllMention(7, "ana"));
        assertThat(browser.fragment()).contains("user=ana");

        browser.open(api.uri("/#/jobs?user=ben&queue=comp&sort=title"));
        browser.await(d -> browser.texts("#jobs tbody tr td:nth-child(2)")
                .equals(List.of("shot 02", "shot 04", "shot 06", "shot 08", "shot 10")));
    }

    @Test
    void pagingFollowsTheApisCursorForwardAndBack() {
        browser.open(api.uri("/#/jobs?limit=10"));
        browser.await(d -> shownJobs().equals(jobsNewestFirst.subList(0, 10)));
        assertThat(browser.visible("[data-page=previous]").isEnabled()).isFalse();

        browser.click("[data-page=next]");
        browser.await(d -> shownJobs().equals(jobsNewestFirst.subList(10, 12)));
        browser.showing("[data-page=number]", "page 2");
        assertThat(browser.visible("[data-page=next]").isEnabled()).isFalse();

        browser.click("[data-page=previous]");
        browser.await(d -> shownJobs().equals(jobsNewestFirst.subList(0, 10)));
        browser.showing("[data-page=number]", "page 1");
    }

    @Test
    void aJobShowsItsFieldsItsTasksAndATasksLog() {
        browser.open(api.uri("/#/jobs/" + hero.id()));

        browser.showing("#view h2", "Job " + hero.id() + ": hero sim");
        browser.showing("#job-fields dd[data-field=queue]", "lighting");
        browser.showing("#job-fields dd[data-field=user]", "ana");
        browser.showing("#job-fields dd[data-field=frames]", "1–5 by 1");
        browser.showing("#job-data", "\"command\"");
        browser.await(d -> browser.texts("#tasks tbody tr[data-task]").size() == 5);
        String failed = "#tasks tr[data-task='" + hero.tasks().get(2) + "']";
        assertThat(browser.text("#tasks tr[data-task='" + hero.tasks().get(1) + "']"))
                .contains("running", "40%", "node-a");
        assertThat(browser.text(failed)).contains("failed", "exit code 3");

        browser.click(failed + " button[data-action=log]");

        browser.showing("#task-log h2", "Log of task " + hero.tasks().get(2) + " (frame 3)");
        browser.showing("#log-lines .stdout", "rendering frame 3");
        browser.showing("#log-lines .stderr", "warning: low memory, still going");
    }

    @Test
    void aJobSaysWhichParentItWaitsFor() {
        browser.open(api.uri("/#/jobs/" + shot11.id()));

        browser.showing("#job-fields dd[data-field='after jobs']", "#" + shot03.id());
        browser.showing("#job-fields dd[data-field='waiting for']", "#" + shot03.id() + " shot 03 failed");
        browser.open(api.uri("/#/jobs/" + shot03.id()));
        browser.showing("#job-fields dd[data-field='waiting for']", "no other job");
    }

    @Test
    void onlyTheTasksOfTheChosenStateAreListed() {
        browser.open(api.uri("/#/jobs/" + hero.id()));
        browser.await(d -> browser.texts("#tasks tbody tr[data-task]").size() == 5);

        browser.choose("#task-state", "queued");

        browser.await(d -> browser.texts("#tasks tbody tr[data-task] td:nth-child(1)").equals(List.of("4", "5")));
        assertThat(browser.fragment()).isEqualTo("/jobs/" + hero.id() + "?tasks=queued");
    }

    @Test
    void theApisRefusalIsShownInItsOwnWords() {
        browser.open(api.uri("/#/jobs/987654"));
        browser.showing("#error", "job 987654 not found");
        assertThat(browser.text("#error")).contains("GET /api/v1/jobs/987654", "→ 404");

        browser.open(api.uri("/#/jobs?state=lost"));
        browser.showing("#error", "state must be one of [queued, running, paused, failed, done], not 'lost'");

        browser.open(api.uri("/#/jobs"));
        browser.await(d -> shownJobs().size() == 12);
        assertThat(browser.driver().findElement(By.id("error")).isDisplayed()).isFalse();
    }
}
