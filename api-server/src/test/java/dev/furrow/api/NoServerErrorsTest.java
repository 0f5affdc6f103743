package dev.furrow.api;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Whatever a client sends to any writable endpoint, the answer is a 2xx or a 4xx JSON error, never a 500. */
class NoServerErrorsTest {

    @RegisterExtension
    static final ApiServer api = ApiServer.perTestClass();
    static long job;
    static long task;
    static String agent;

    static final List<String> BODIES = List.of(
            "{}", "[]", "null", "\"x\"", "{\"title\": null}", "{\"start\": \"1\", \"end\": true}",
            "{\"title\": \"t\", \"jobtype\": \"command\", \"start\": 1e308, \"end\": 1e308}",
            "{\"title\": \"t\", \"jobtype\": \"command\", \"start\": 1, \"end\": 1e400}",
            "{\"title\": \"t\", \"jobtype\": \"command\", \"start\": -0.0, \"end\": 0, \"by\": 1e-300}",
            "{\"tags\": [null], \"tag_requirements\": [{\"tag\": 5}], \"parents\": [-1, \"x\"]}",
            "{\"software_requirements\": [{}], \"environ\": [], \"data\": [1]}",
            "{\"id\": 12, \"hostname\": [], \"port\": \"50000\", \"state\": 8}",
            "{\"identifier\": \"../x\", \"agent_id\": 5}", "{\"state\": null, \"progress\": \"half\"}",
            "{\"name\": null, \"versions\": {\"a\": 1}, \"software\": {}}",
            "{\"tag\": \"\\u0000\", \"agents\": [1], \"jobs\": [\"a\"]}",
            "{\"priority\": 9223372036854775808, \"weight\": -1}",
            "{\"parent_jobqueue_id\": \"x\", \"minimum_agents\": -5}",
            "{\"path_linux\": null, \"path_windows\": 1, \"path_osx\": []}",
            "{\"main_jobtype\": 1, \"title\": {}}", "{\"username\": null}", "{\"version\": 2.5, \"rank\": \"high\"}",
            "{\"limits\": [1], \"capacity\": 1e400, \"jobqueue\": 7}", "{\"limits\": {\"fuzzlimit\": 2147483648}, \"capacity\": -1}",
            "{\"limits\": {\"\": 1.5}, \"name\": \"\", \"jobqueue\": {}}");

    @BeforeAll
    static void createSomethingOfEachKind() {
        job = api.post("/api/v1/jobs/", ApiServer.json(Map.of("title", "fuzz", "jobtype", "command", "start", 1, "end", 2)))
                .json().get("id").asLong();
        task = api.get("/api/v1/jobs/" + job + "/tasks/").json().get(0).get("id").asLong();
        agent = UUID.randomUUID().toString();
        api.post("/api/v1/agents/", ApiServer.json(Map.of("id", agent, "hostname", "fuzz", "port", 50000, "cpus", 1,
                "ram", 1024, "free_ram", 10)));
        api.post("/api/v1/software/", "{\"software\": \"fuzzware\", \"versions\": [{\"version\": \"1\"}]}");
        api.post("/api/v1/tags/", "{\"tag\": \"fuzz\"}");
        api.post("/api/v1/jobqueues/", "{\"name\": \"fuzzq\"}");
        api.post("/api/v1/limits/", "{\"name\": \"fuzzlimit\", \"capacity\": 1}");
    }

    @Test
    void noBodyMakesAnyWritableEndpointFail() {
        String t = "/api/v1/jobs/" + job + "/tasks/" + task;
        List<String> posts = List.of("/api/v1/jobs/", "/api/v1/jobs/" + job, t, t + "/failed_on_agents/",
                t + "/attempts/1/logs/", "/api/v1/jobs/" + job + "/notified_users/", "/api/v1/jobtypes/",
                "/api/v1/jobtypes/command/software_requirements/", "/api/v1/agents/", "/api/v1/agents/" + agent,
                "/api/v1/agents/" + agent + "/software/", "/api/v1/agents/" + agent + "/tasks/", "/api/v1/software/", "/api/v1/software/fuzzware/versions/",
                "/api/v1/tags/", "/api/v1/tags/fuzz/agents/", "/api/v1/jobqueues/", "/api/v1/jobqueues/fuzzq",
                "/api/v1/jobgroups/", "/api/v1/pathmaps/", "/api/v1/limits/", "/api/v1/limits/fuzzlimit",
                "/api/v1/jobs/" + job + "/move", "/api/v1/jobs/" + job + "/rerun", t + "/rerun");
        List<String> puts = List.of("/api/v1/jobtypes/fuzztype", "/api/v1/software/fuzzware", "/api/v1/tags/fuzz");
        List<String> failures = new ArrayList<>();
        for (String body : BODIES) {
            for (String path : posts) {
                check(failures, "POST " + path, body, api.post(path, body));
            }
            for (String path : puts) {
                check(failures, "PUT " + path, body, api.put(path, "application/json", body));
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void oddPathSegmentsAreClientErrors() {
        List<String> failures = new ArrayList<>();
        for (String segment : List.of("%00", "99999999999999999999999", "-1", "%F0%9F%8E%AC", "%27%20OR%201%3D1", "..%2F..")) {
            for (String path : List.of("/api/v1/jobs/", "/api/v1/jobs/" + job + "/tasks/", "/api/v1/agents/",
                    "/api/v1/jobtypes/", "/api/v1/software/", "/api/v1/tags/", "/api/v1/jobqueues/", "/api/v1/jobgroups/",
                    "/api/v1/pathmaps/", "/api/v1/jobs/" + job + "/tasks/" + task + "/attempts/", "/api/v1/limits/",
                    "/api/v1/agents/updates/")) {
                check(failures, "GET " + path + segment, "", api.get(path + segment));
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void oddQueryValuesOnListsAreClientErrors() {
        List<String> failures = new ArrayList<>();
        for (String parameter : List.of("limit", "offset", "cursor", "sort", "state", "queue", "user", "jobtype",
                "min_ram", "port", "for_agent", "tag")) {
            for (String value : List.of("%00", "-1", "99999999999999999999999", "%F0%9F%8E%AC", "%27%20OR%201%3D1",
                    "1e400", "WyJpZCIsIi0xZTk5OTk5OTkiXQ", "WyJpZCIsbnVsbF0", "%5B%5D")) {
                for (String path : List.of("/api/v1/jobs/", "/api/v1/agents/", "/api/v1/jobs/" + job + "/tasks/",
                        "/api/v1/agents/" + agent + "/tasks/", "/api/v1/pathmaps/", "/api/v1/jobgroups/", "/api/v1/tags/")) {
                    String request = path + "?" + parameter + "=" + value;
                    check(failures, "GET " + request, "", api.get(request));
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    private static void check(List<String> failures, String request, String body, ApiServer.Reply reply) {
        if (reply.status() >= 500 || (reply.status() >= 400 && !reply.body().contains("\"error\""))) {
            failures.add(request + " " + body + " -> " + reply.status() + " " + reply.body());
        }
    }
}
