package dev.furrow.api.web;

import dev.furrow.api.ApiServer;
import dev.furrow.api.store.Sql;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The statistics page in Chromium draws its charts from the rows the scheduler-worker samples. */
class StatisticsPageTest {

    @RegisterExtension
    static final ApiServer api = ApiServer.perTestClass();
    @RegisterExtension
    static final Browser browser = Browser.perTestClass();

    static final FarmData farm = new FarmData(api);
    static long lighting;
    static long comp;
    static long idle;

    /**
     * Four hourly samples within the last day (agents online 10, 11, 12, 13), one three days old; task counts of two
     * queues (lighting: 100 queued, comp: 20 queued at every sample) and their events per hour.
     */
    @BeforeAll
    static void samplesOfTheLastDayAndOneOlder() throws Exception {
        lighting = farm.queue("lighting");
        comp = farm.queue("comp");
        idle = farm.queue("idle");
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        farm.sql("INSERT INTO agent_counts VALUES (?, 3, 0, 0, 0)", Sql.dateTime(now.minus(3, ChronoUnit.DAYS)));
        for (int hour = 0; hour < 4; hour++) {
            Instant at = now.minus(4 - hour, ChronoUnit.HOURS);
            String time = Sql.dateTime(at);
            farm.sql("INSERT INTO agent_counts VALUES (?, ?, ?, 1, 0)", time, 10 + hour, 2 * hour);
            for (long queue : new long[]{lighting, comp}) {
                farm.sql("""
                        INSERT INTO task_counts (counted_time, job_queue_id, total_queued, total_running, total_done,
                                                 total_failed) VALUES (?, ?, ?, 5, ?, 0)""",
                        time, queue, queue == lighting ? 100 : 20, 10 * hour);
                farm.sql("""
                        INSERT INTO task_event_counts (time_start, time_end, job_queue_id, num_new, num_started,
                                                       num_restarted, num_failed, num_done, num_deleted)
                        VALUES (?, ?, ?, 4, 3, 1, 1, 2, 5)""",
                        time, Sql.dateTime(at.plus(1, ChronoUnit.HOURS)), queue);
            }
        }
    }

    /** The values of a series, read from the tooltips of its points or bars, e.g. "online: 12 at ...". */
    static List<Integer> values(String chart, String series) {
        return browser.driver().findElements(By.cssSelector("#" + chart + " [data-series='" + series + "'] title"))
                .stream().map(title -> title.getDomProperty("textContent"))
                .map(text -> Integer.parseInt(text.substring(text.indexOf(": ") + 2, text.indexOf(" at "))))
                .toList();
    }

    @Test
    void theChartsDrawEverySampleOfTheWindow() {
        browser.open(api.uri("/#/statistics"));

        browser.await(d -> values("chart-agents", "online").equals(List.of(10, 11, 12, 13)));
        // Markers, not the line, are what isDisplayed() can see: a level line has no height.
        String points = browser.driver().findElement(By.cssSelector("#chart-agents polyline[data-series=online]"))
                .getDomAttribute("points");
        assertThat(points.split(" ")).hasSize(4);
        assertThat(values("chart-agents", "running")).containsExactly(0, 2, 4, 6);
        // One line per state for the whole farm: the queues' rows of a sample are added up.
        assertThat(values("chart-tasks", "queued")).containsExactly(120, 120, 120, 120);
        assertThat(values("chart-tasks", "done")).containsExactly(0, 20, 40, 60);
        assertThat(browser.driver().findElements(By.cssSelector("#chart-events rect[data-series=new]"))).hasSize(4);
        assertThat(values("chart-events", "new")).containsExactly(8, 8, 8, 8);
        assertThat(values("chart-events", "failed")).containsExactly(2, 2, 2, 2);
        assertThat(values("chart-events", "restarted")).containsExactly(2, 2, 2, 2);
        assertThat(values("chart-events", "deleted")).containsExactly(10, 10, 10, 10);
    }

    @Test
    void aWiderWindowTakesInOlderSamples() {
        browser.open(api.uri("/#/statistics"));
        browser.await(d -> values("chart-agents", "online").size() == 4);

        browser.choose("#statistics-filters select[name=window]", "7d");

        browser.await(d -> values("chart-agents", "online").equals(List.of(3, 10, 11, 12, 13)));
        assertThat(browser.fragment()).contains("window=7d");
    }

    @Test
    void theQueueNarrowsTheTaskChartsToThatQueue() {
        browser.open(api.uri("/#/statistics?queue=" + comp));

        browser.await(d -> values("chart-tasks", "queued").equals(List.of(20, 20, 20, 20)));
        assertThat(values("chart-events", "new")).containsExactly(4, 4, 4, 4);
        assertThat(values("chart-agents", "online")).as("agents are not per queue").containsExactly(10, 11, 12, 13);

        browser.open(api.uri("/#/statistics?queue=" + idle));
        browser.showing("#chart-tasks .empty-chart", "No samples in this window.");
        browser.showing("#chart-events .empty-chart", "No samples in this window.");
    }

    @Test
    void aRefusalOfTheStatisticsApiIsShownWhereTheChartsWouldBe() {
        browser.open(api.uri("/#/statistics?queue=987654"));

        browser.showing("#error", "jobqueue '987654' not found");
        browser.showing("#view .error-text", "Could not load: jobqueue '987654' not found");
    }
}
