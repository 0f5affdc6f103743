package dev.furrow.api.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.furrow.api.ApiServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.WebElement;

import static org.assertj.core.api.Assertions.assertThat;

/** The submit form in Chromium: a job it submits exists with its tasks; a refusal is shown and nothing is made. */
class SubmitPageTest {

    @RegisterExtension
    static final ApiServer api = ApiServer.perTestClass();
    @RegisterExtension
    static final Browser browser = Browser.perTestClass();

    static final FarmData farm = new FarmData(api);

    @BeforeAll
    static void aUserAndAQueue() throws Exception {
        farm.user("ana");
        farm.queue("lighting");
    }

    static void type(String name, String text) {
        WebElement field = browser.visible("#submit-job [name=" + name + "]");
        field.clear();
        field.sendKeys(text);
    }

    @Test
    void aSubmittedJobOpensWithItsTasks() throws Exception {
        browser.open(api.uri("/#/submit"));
        type("title", "comp v012");
        browser.choose("#submit-job select[name=jobtype]", "command");
        type("start", "1");
        type("end", "20");
        type("by", "2");
        type("priority", "40");
        browser.choose("#submit-job select[name=jobqueue]", "lighting");
        type("user", "ana");
        type("tags", "nuke, 4k");
        type("data", "{\"command\": [\"echo\", \"{frame}\"]}");

        browser.click("#submit-job button[type=submit]");

        browser.showing("#notice", "submitted with its tasks");
        browser.await(d -> browser.fragment().matches("/jobs/\\d+"));
        long id = Long.parseLong(browser.fragment().substring("/jobs/".length()));
        browser.showing("#view h2", "Job " + id + ": comp v012");
        browser.await(d -> browser.texts("#tasks tbody tr[data-task]").size() == 10);
        JsonNode job = api.get("/api/v1/jobs/" + id).json();
        assertThat(job.get("jobqueue").asText()).isEqualTo("lighting");
        assertThat(job.get("user").asText()).isEqualTo("ana");
        assertThat(job.get("priority").asInt()).isEqualTo(40);
        assertThat(job.get("tags").toString()).isEqualTo("[\"4k\",\"nuke\"]");
        assertThat(job.get("data").toString()).isEqualTo("{\"command\":[\"echo\",\"{frame}\"]}");
        assertThat(farm.value("SELECT COUNT(*) FROM tasks WHERE job_id = ?", id)).isEqualTo("10");
    }

    @Test
    void theApisRefusalIsShownAndNoJobIsMade() throws Exception {
        String before = farm.value("SELECT COUNT(*) FROM jobs");
        browser.open(api.uri("/#/submit"));
        type("title", "nobody's job");
        type("user", "nobody");

        browser.click("#submit-job button[type=submit]");

        browser.showing("#error", "nobody");
        assertThat(browser.text("#error")).contains("POST /api/v1/jobs/ → 404");
        assertThat(browser.fragment()).isEqualTo("/submit");
        assertThat(farm.value("SELECT COUNT(*) FROM jobs")).isEqualTo(before);
    }

    @Test
    void dataThatIsNotJsonIsRefusedBeforeSending() throws Exception {
        String before = farm.value("SELECT COUNT(*) FROM jobs");
        browser.open(api.uri("/#/submit"));
        type("title", "broken data");
        type("data", "{command: echo}");

        browser.click("#submit-job button[type=submit]");

        browser.showing("#error", "data is not valid JSON");
        assertThat(farm.value("SELECT COUNT(*) FROM jobs")).isEqualTo(before);
    }
}
