package dev.furrow.api.web;

import dev.furrow.api.ApiServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The agents page in Chromium: capacity, tags and running tasks show; enable and disable reach the database. */
class AgentsPageTest {

    @RegisterExtension
    static final ApiServer api = ApiServer.perTestClass();
    @RegisterExtension
    static final Browser browser = Browser.perTestClass();

    static final FarmData farm = new FarmData(api);
    static String nodeA;
    static String nodeB;
    static String nodeC;

    @BeforeAll
    static void threeAgentsOneRunningATaskOneDisabled() {
        nodeA = farm.agent("node-a");
        nodeB = farm.agent("node-b");
        nodeC = farm.agent("node-c");
        farm.ok(api.post("/api/v1/tags/", "{\"tag\": \"gpu\"}"));
        farm.ok(api.post("/api/v1/tags/gpu/agents/", ApiServer.json(Map.of("agent_id", nodeA))));
        farm.ok(api.post("/api/v1/agents/" + nodeC, "{\"state\": \"disabled\"}"));
        FarmData.Job job = farm.job("tree sim", 3, Map.of());
        farm.report(job, 1, Map.of("state", "running", "agent_id", nodeA, "progress", 0.25));
    }

    static String row(String agent) {
        return browser.text("#agents tr[data-agent='" + agent + "']");
    }

    @Test
    void agentsShowTheirStateCapacityTagsAndRunningTasks() {
        browser.open(api.uri("/#/agents"));

        browser.showing("#agents tr[data-agent='" + nodeA + "']", "tree sim frame 2");
        assertThat(row(nodeA)).contains("node-a", "online", "127.0.0.1:50000", "16", "64.0 GB", "16.0 GB", "gpu", "25%");
        assertThat(row(nodeC)).contains("node-c", "disabled", "Enable");
        assertThat(browser.texts("#agents tbody tr td:first-child")).containsExactly("node-a", "node-b", "node-c");
    }

    @Test
    void disableAndEnableChangeTheAgentInTheDatabase() throws Exception {
        browser.open(api.uri("/#/agents"));

        browser.click("#agents tr[data-agent='" + nodeB + "'] button[data-action=disable]");

        browser.showing("#notice", "node-b disabled");
        assertThat(farm.value("SELECT state FROM agents WHERE id = ?", nodeB)).isEqualTo("disabled");

        browser.click("#agents tr[data-agent='" + nodeB + "'] button[data-action=enable]");

        browser.showing("#notice", "node-b enabled");
        assertThat(farm.value("SELECT state FROM agents WHERE id = ?", nodeB)).isEqualTo("online");
        browser.visible("#agents tr[data-agent='" + nodeB + "'] button[data-action=disable]");
    }

    @Test
    void theStateFilterAndTheSortAreTheApis() {
        browser.open(api.uri("/#/agents"));
        browser.await(d -> browser.texts("#agents tbody tr[data-agent]").size() == 3);

        browser.choose("#agent-filters select[name=state]", "disabled");

        browser.await(d -> browser.texts("#agents tbody tr td:first-child").equals(List.of("node-c")));
        assertThat(browser.fragment()).contains("state=disabled");

        browser.open(api.uri("/#/agents?sort=state"));
        browser.await(d -> d.findElements(By.cssSelector("#agents tbody tr[data-agent]")).size() == 3);
        assertThat(browser.texts("#agents tbody tr td:nth-child(2)")).isSorted();
    }
}
