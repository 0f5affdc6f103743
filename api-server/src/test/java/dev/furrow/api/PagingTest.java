package dev.furrow.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * limit, offset, cursor and sort on every list endpoint, against a farm with several items in every list: a paged
 * walk in any allowed order gives exactly the whole list in that order, descending is the exact reverse, and bad
 * values are 400s. Without parameters a list is PyFarm's whole list.
 */
class PagingTest {

    @RegisterExtension
    static final ApiServer api = ApiServer.perTestClass();

    /** Every list endpoint of the farm below, with its sort keys (the default first). */
    static final Map<String, List<String>> LISTS = new LinkedHashMap<>();
    static final int ITEMS = 5;
    static String agent;
    static long job;
    static long group;

    static JsonNode created(ApiServer.Reply reply) {
        assertThat(reply.status()).as(reply.body()).isBetween(200, 201);
        return reply.json();
    }

    static JsonNode post(String path, Object body) {
        return created(api.post(path, ApiServer.json(body)));
    }

    @BeforeAll
    static void aFarmWithSeveralOfEverything() throws Exception {
        try (var c = api.database().connect(); Statement s = c.createStatement()) {
            for (int i = 0; i < ITEMS; i++) {
                s.executeUpdate("INSERT INTO users (username, email) VALUES ('pager" + i + "', 'pager" + i + "@example.com')");
            }
        }
        List<String> agents = new ArrayList<>();
        for (int i = 0; i < ITEMS; i++) {
            String id = UUID.randomUUID().toString();
            // Two agents share a hostname: the id decides between them.
            Map<String, Object> agent = JobTypesAndAgentsTest.agent(id, "pager-node" + Math.min(i, 3));
            agent.put("cpus", 1 + i % 2);
            agents.add(post("/api/v1/agents/", agent).get("id").asText());
        }
        agent = agents.get(0);

        group = post("/api/v1/jobgroups/", Map.of("title", "pager group", "main_jobtype", "command", "user", "pager1")).get("id").asLong();
        for (int i = 1; i < ITEMS; i++) {
            post("/api/v1/jobgroups/", Map.of("title", "group " + (ITEMS - i), "main_jobtype", "command"));
        }
        long queue = 0;
        for (int i = 0; i < ITEMS; i++) {
            Map<String, Object> body = new LinkedHashMap<>(Map.of("name", "pager-queue-" + i, "priority", i % 2));
            if (i > 2) {
                body.put("parent_jobqueue_id", queue);
            }
            queue = post("/api/v1/jobqueues/", body).get("id").asLong();
        }
        List<Long> jobs = new ArrayList<>();
        for (int i = 0; i < ITEMS; i++) {
            jobs.add(post("/api/v1/jobs/", Map.of("title", "pager job " + (i % 3), "jobtype", "command", "start", 1,
                    "end", 7, "priority", i % 2, "jobgroup_id", group, "user", "pager" + i)).get("id").asLong());
        }
        job = jobs.get(0);
        List<Long> tasks = new ArrayList<>();
        api.get("/api/v1/jobs/" + job + "/tasks/").json().forEach(task -> tasks.add(task.get("id").asLong()));
        assertThat(api.post("/api/v1/jobs/" + job + "/tasks/" + tasks.get(6), "{\"state\": \"done\"}").status()).isEqualTo(200);
        for (int i = 0; i < ITEMS; i++) {
            post("/api/v1/agents/" + agent + "/tasks/", Map.of("id", tasks.get(i)));
        }
        String task = "/api/v1/jobs/" + job + "/tasks/" + tasks.get(5);
        for (String failedOn : agents) {
            post(task + "/failed_on_agents/", Map.of("id", failedOn));
        }
        for (int i = 0; i < ITEMS; i++) {
            post("/api/v1/jobs/" + job + "/notified_users/", Map.of("username", "pager" + i));
            post(task + "/attempts/1/logs/", Map.of("identifier", "pager-" + (ITEMS - i) + ".csv"));
        }
        for (int i = 0; i < ITEMS; i++) {
            List<Map<String, Object>> versions = new ArrayList<>();
            for (int v = 0; v < ITEMS; v++) {
                versions.add(Map.of("version", "v" + v, "rank", 10 * (v % 3)));
            }
            String software = "pager-sw-" + i;
            post("/api/v1/software/", Map.of("software", software, "versions", versions));
            post("/api/v1/agents/" + agent + "/software/", Map.of("software", software, "version", "v1"));
            post("/api/v1/jobtypes/command/software_requirements/", Map.of("software", software));
            post("/api/v1/jobtypes/", Map.of("name", "pager-type-" + i, "classname", "builtin"));
            post("/api/v1/tags/", Map.of("tag", "pager-tag-" + i));
            post("/api/v1/tags/pager-tag-0/agents/", Map.of("agent_id", agents.get(i)));
            post("/api/v1/pathmaps/", Map.of("path_linux", "/mnt/" + i, "path_windows", "X:\\" + i, "path_osx", "/Volumes/" + i));
            post("/api/v1/limits/", Map.of("name", "pager-limit-" + i, "capacity", i));
        }
        post("/api/v1/pathmaps/", Map.of("path_linux", "/t", "path_windows", "T:", "path_osx", "/t", "tag", "pager-tag-4"));

        LISTS.put("/api/v1/agents/", List.of("hostname", "id", "state", "cpus", "ram", "free_ram"));
        LISTS.put("/api/v1/agents/" + agent + "/tasks/", List.of("id", "job", "state"));
        LISTS.put("/api/v1/agents/" + agent + "/software/", List.of("software"));
        LISTS.put("/api/v1/jobs/", List.of("id", "title", "state", "priority", "time_submitted"));
        LISTS.put("/api/v1/jobs/" + job + "/tasks/", List.of("frame", "id", "state"));
        LISTS.put(task + "/failed_on_agents/", List.of("hostname", "id"));
        LISTS.put("/api/v1/jobs/" + job + "/notified_users/", List.of("username", "id"));
        LISTS.put(task + "/attempts/1/logs/", List.of("created_on", "identifier"));
        LISTS.put("/api/v1/jobtypes/", List.of("id", "name"));
        LISTS.put("/api/v1/jobtypes/command/versions/", List.of("version"));
        LISTS.put("/api/v1/jobtypes/command/software_requirements/", List.of("software"));
        LISTS.put("/api/v1/software/", List.of("software", "id"));
        LISTS.put("/api/v1/software/pager-sw-0/versions/", List.of("rank", "version"));
        LISTS.put("/api/v1/tags/", List.of("tag", "id"));
        LISTS.put("/api/v1/tags/pager-tag-0/agents/", List.of("hostname", "id"));
        LISTS.put("/api/v1/jobqueues/", List.of("fullpath", "id", "name", "priority"));
        LISTS.put("/api/v1/jobgroups/", List.of("id", "title"));
        LISTS.put("/api/v1/jobgroups/" + group + "/jobs", List.of("id", "title", "state", "priority", "time_submitted"));
        LISTS.put("/api/v1/pathmaps/", List.of("id"));
        LISTS.put("/api/v1/limits/", List.of("name", "id"));
    }

    /** The items of a list answer; job groups wrap theirs in {"jobs": [...]}. */
    static List<JsonNode> items(ApiServer.Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode body = reply.json();
        JsonNode list = body.isObject() ? body.get("jobs") : body;
        List<JsonNode> items = new ArrayList<>();
        list.forEach(items::add);
        return items;
    }

    static String with(String path, String query) {
        return path + (path.contains("?") ? "&" : "?") + query;
    }

    /** Every page of {@code limit} items, following X-Next-Cursor until a page has none. */
    static List<JsonNode> walk(String path, int limit) {
        List<JsonNode> all = new ArrayList<>();
        ApiServer.Reply page = api.get(with(path, "limit=" + limit));
        for (int pages = 0; pages < 100; pages++) {
            List<JsonNode> items = items(page);
            assertThat(items.size()).isLessThanOrEqualTo(limit);
            all.addAll(items);
            String next = page.header("X-Next-Cursor");
            if (next == null) {
                assertThat(page.header("Link")).isNull();
                return all;
            }
            assertThat(items).hasSize(limit);
            assertThat(page.header("Link")).contains("rel=\"next\"").contains(URLEncoder.encode(next, StandardCharsets.UTF_8));
            page = api.get(with(path, "limit=" + limit + "&cursor=" + next));
        }
        throw new AssertionError("more than 100 pages of " + path);
    }

    @TestFactory
    Stream<DynamicTest> everyListPagesThroughEveryOrderExactly() {
        return LISTS.entrySet().stream().flatMap(list -> list.getValue().stream().map(sort -> DynamicTest.dynamicTest(
                list.getKey() + " sort=" + sort, () -> {
                    String path = list.getKey();
                    List<JsonNode> whole = items(api.get(with(path, "sort=" + sort)));
                    assertThat(whole).as("the fixture fills every list").hasSizeGreaterThanOrEqualTo(ITEMS);
                    assertThat(walk(with(path, "sort=" + sort), 2)).isEqualTo(whole);
                    List<JsonNode> reversed = new ArrayList<>(whole);
                    Collections.reverse(reversed);
                    assertThat(walk(with(path, "sort=-" + sort), 2)).isEqualTo(reversed);
                    assertThat(items(api.get(with(path, "sort=" + sort + "&limit=2&offset=1")))).isEqualTo(whole.subList(1, 3));
                })));
    }

    @TestFactory
    Stream<DynamicTest> withoutParametersAListIsTheWholeListInTheDefaultOrder() {
        return LISTS.entrySet().stream().map(list -> DynamicTest.dynamicTest(list.getKey(), () -> {
            ApiServer.Reply plain = api.get(list.getKey());
            assertThat(plain.header("X-Next-Cursor")).isNull();
            assertThat(items(plain)).isEqualTo(items(api.get(with(list.getKey(), "sort=" + list.getValue().get(0)))));
            assertThat(items(plain)).isEqualTo(walk(list.getKey(), 3));
        }));
    }

    @TestFactory
    Stream<DynamicTest> badPagingParametersAreRefusedOnEveryList() {
        String otherSort = UUID.randomUUID().toString().substring(0, 8);
        List<String> bad = List.of("limit=0", "limit=10001", "limit=ten", "limit=", "offset=-1", "offset=1.5",
                "sort=" + otherSort, "sort=--id", "cursor=not-a-cursor", "cursor=%E2%9C%93", "cursor=WyJpZCJd",
                "cursor=WyJpZCIsIngiLCJ5Il0", "offset=2&cursor=WyJpZCIsIjEiXQ");
        return LISTS.keySet().stream().flatMap(path -> bad.stream().map(query -> DynamicTest.dynamicTest(path + "?" + query, () -> {
            ApiServer.Reply reply = api.get(with(path, query));
            assertThat(reply.status()).as(reply.body()).isEqualTo(400);
            assertThat(reply.json().get("error").asText()).isNotBlank();
        })));
    }

    @Test
    void filtersNarrowTheLists() {
        assertThat(items(api.get("/api/v1/jobs/?jobtype=command&user=pager3"))).hasSize(1);
        assertThat(items(api.get("/api/v1/jobs/?jobtype=blender"))).isEmpty();
        assertThat(items(api.get("/api/v1/agents/?state=online&max_cpus=1"))).hasSize(3);
        assertThat(items(api.get("/api/v1/agents/?state=offline"))).isEmpty();
        assertThat(items(api.get("/api/v1/agents/" + agent + "/tasks/?state=queued"))).hasSize(ITEMS);
        assertThat(items(api.get("/api/v1/jobs/" + job + "/tasks/?state=done"))).hasSize(1);
        assertThat(items(api.get("/api/v1/jobgroups/?user=pager1"))).hasSize(1);
        assertThat(items(api.get("/api/v1/jobgroups/" + group + "/jobs?user=pager2&state=queued"))).hasSize(1);
        assertThat(items(api.get("/api/v1/pathmaps/?tag=pager-tag-4"))).hasSize(1);
        assertThat(items(api.get("/api/v1/pathmaps/?for_agent=" + agent))).as("untagged ones").hasSize(ITEMS);
        for (String bad : List.of("/api/v1/jobs/?state=lost", "/api/v1/agents/?state=running-late",
                "/api/v1/agents/?min_cpus=many", "/api/v1/jobs/" + job + "/tasks/?state=x",
                "/api/v1/agents/" + agent + "/tasks/?state=x", "/api/v1/pathmaps/?for_agent=me")) {
            ApiServer.Reply reply = api.get(bad);
            assertThat(reply.status()).as(bad).isEqualTo(400);
            assertThat(reply.json().get("error").asText()).as(bad).isNotBlank();
        }
    }

    @Test
    void aCursorBelongsToItsSort() {
        ApiServer.Reply first = api.get("/api/v1/jobs/?sort=-priority&limit=2");
        String cursor = first.header("X-Next-Cursor");
        assertThat(cursor).isNotNull();
        assertThat(api.get("/api/v1/jobs/?limit=2&cursor=" + cursor).status()).as("the cursor carries its sort").isEqualTo(200);
        ApiServer.Reply other = api.get("/api/v1/jobs/?sort=title&limit=2&cursor=" + cursor);
        assertThat(other.status()).isEqualTo(400);
        assertThat(other.json().get("error").asText()).contains("sort=-priority");
    }

    static String cursor(String... parts) {
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                ApiServer.json(List.of(parts)).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aCursorWhoseValuesDoNotFitItsSortIsRefused() {
        for (String bad : List.of(cursor("time_submitted", "9999-99-99 99:99:99", "1"), cursor("-priority", "NaN", "1"),
                cursor("title", "x", "not-a-number"), cursor("id", "1", "2"), cursor("title", "x"))) {
            ApiServer.Reply reply = api.get("/api/v1/jobs/?limit=2&cursor=" + bad);
            assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        }
        assertThat(api.get("/api/v1/jobs/?limit=2&cursor=" + cursor("time_submitted", "2000-01-01 00:00:00", "0")).status())
                .as("a made-up but well-formed position is just a position").isEqualTo(200);
    }

    @Test
    void theNextLinkKeepsTheFiltersAndReplacesTheOffset() {
        ApiServer.Reply first = api.get("/api/v1/jobs/?user=pager2&sort=title&limit=1&offset=0");
        assertThat(items(first)).hasSize(1);
        assertThat(first.header("X-Next-Cursor")).as("one job of pager2 only").isNull();
        ApiServer.Reply page = api.get("/api/v1/jobs/?state=queued&limit=2&offset=1");
        String link = page.header("Link");
        assertThat(link).startsWith("</api/v1/jobs/?").contains("state=queued").contains("limit=2").doesNotContain("offset");
        String next = link.substring(1, link.indexOf('>'));
        assertThat(items(api.get(next))).isEqualTo(items(api.get("/api/v1/jobs/?state=queued&limit=2&offset=3")));
    }
}
