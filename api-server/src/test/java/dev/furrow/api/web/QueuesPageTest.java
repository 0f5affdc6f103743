package dev.furrow.api.web;

import dev.furrow.api.ApiServer;
import dev.furrow.api.store.Sql;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The job queues page in Chromium: the tree with its latest sampled task counts, and a form that adds a queue. */
class QueuesPageTest {

    @RegisterExtension
    static final ApiServer api = ApiServer.perTestClass();
    @RegisterExtension
    static final Browser browser = Browser.perTestClass();

    static final FarmData farm = new FarmData(api);
    static long lighting;
    static long fx;

    @BeforeAll
    static void lightingWithFxBelowAndASample() throws Exception {
        lighting = farm.queue("lighting");
        fx = farm.ok(api.post("/api/v1/jobqueues/", ApiServer.json(Map.of("name", "fx", "parent_jobqueue_id", lighting,
                "priority", 20)))).get("id").asLong();
        farm.queue("comp");
        farm.job("fx plate", 1, Map.of("jobqueue", "lighting/fx"));
        farm.sql("""
                INSERT INTO task_counts (counted_time, job_queue_id, total_queued, total_running, total_done,
                                         total_failed) VALUES (?, ?, 30, 4, 60, 2)""", Sql.dateTime(Instant.now()), fx);
    }

    @Test
    void theTreeShowsEachQueueWithItsLatestSample() {
        browser.open(api.uri("/#/queues"));

        browser.visible("#queues tr[data-queue='" + fx + "']");
        assertThat(browser.texts("#queues tbody tr td:first-child")).as("by full path, children below their parent")
                .containsSubsequence("comp", "lighting", "fx lighting/fx");
        String fxRow = browser.text("#queues tr[data-queue='" + fx + "']");
        assertThat(fxRow).contains("20", "30 queued, 4 running, 60 done, 2 failed");
        assertThat(browser.text("#queues tr[data-queue='" + lighting + "']")).contains("not sampled");
    }

    @Test
    void aQueuesJobsLinkOpensTheJobListFilteredByIt() {
        browser.open(api.uri("/#/queues"));

        browser.click("#queues tr[data-queue='" + fx + "'] a");

        browser.await(d -> browser.texts("#jobs tbody tr[data-job] td:nth-child(2)").equals(List.of("fx plate")));
        assertThat(browser.fragment()).isEqualTo("/jobs?queue=fx");
    }

    @Test
    void theFormAddsAQueueUnderTheChosenParent() throws Exception {
        browser.open(api.uri("/#/queues"));
        browser.visible("#new-queue [name=name]").sendKeys("sim");
        browser.choose("#new-queue select[name=parent_jobqueue_id]", String.valueOf(lighting));
        browser.visible("#new-queue [name=weight]").sendKeys("30");

        browser.click("#new-queue button[type=submit]");

        browser.showing("#notice", "Queue lighting/sim created");
        assertThat(farm.value("SELECT CONCAT(parent_jobqueue_id, ' ', weight) FROM job_queues WHERE name = 'sim'"))
                .isEqualTo(lighting + " 30");
        browser.showing("#queues tbody", "sim lighting/sim");
        assertThat(browser.visible("#new-queue [name=name]").getDomProperty("value")).isEmpty();
    }
}
