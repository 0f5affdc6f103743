package dev.furrow.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.yaml.snakeyaml.Yaml;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GET /api/v1/openapi.yml: the OpenAPI document generated from the controllers lists every route of PyFarm's
 * routing table, gives every JSON body a schema, and the answers the server gives have exactly those fields.
 */
class OpenApiTest {

    @RegisterExtension
    static final ApiServer api = ApiServer.perTestClass();

    static Map<String, Object> document;
    static Map<String, Object> schemas;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void readTheDocument() {
        ApiServer.Reply reply = api.get("/api/v1/openapi.yml");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).startsWith("application/yaml");
        assertThat(reply.body()).startsWith("openapi: 3.");
        document = new Yaml().load(reply.body());
        schemas = (Map<String, Object>) ((Map<String, Object>) document.get("components")).get("schemas");
    }

    /** The document's path templates, without trailing slash and with every parameter written {}. */
    static String normalized(String path) {
        String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return trimmed.replaceAll("\\{[^}]+}", "{}");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> operations() {
        Map<String, Map<String, Object>> operations = new LinkedHashMap<>();
        ((Map<String, Map<String, Object>>) document.get("paths")).forEach((path, methods) -> methods.forEach(
                (method, operation) -> operations.put(method.toUpperCase() + " " + normalized(path), (Map<String, Object>) operation)));
        return operations;
    }

    @Test
    void everyRouteOfPyFarmsRoutingTableIsInTheDocument() {
        Map<String, Map<String, Object>> operations = operations();
        List<String> missing = new ArrayList<>();
        for (PyFarmRoutes.Route route : PyFarmRoutes.ALL) {
            if (!operations.containsKey(route.method() + " " + normalized(route.path()))) {
                missing.add(route.toString());
            }
        }
        assertThat(missing).isEmpty();
        assertThat(operations).containsKeys("POST /api/v1/jobs/{}/rerun_failed", "GET /api/v1/limits/{}",
                "POST /api/v1/jobs/{}/move", "GET /api/v1/openapi.yml");
    }

    @Test
    @SuppressWarnings("unchecked")
    void listsDocumentTheirPagingParameters() {
        Map<String, Object> list = operations().get("GET /api/v1/jobs");
        List<String> names = ((List<Map<String, Object>>) list.get("parameters")).stream().map(p -> (String) p.get("name")).toList();
        assertThat(names).contains("limit", "offset", "cursor", "sort", "state", "queue", "user", "jobtype");
    }

    /** A JSON body's schema must be a named schema, a list of one, or (for the schema routes) a map of strings. */
    @SuppressWarnings("unchecked")
    static void assertTyped(String where, Map<String, Object> schema) {
        if (schema.containsKey("$ref")) {
            return;
        }
        if ("array".equals(schema.get("type"))) {
            Map<String, Object> items = (Map<String, Object>) schema.get("items");
            assertThat(items.containsKey("$ref") || "integer".equals(items.get("type"))).as(where + ": " + schema).isTrue();
            return;
        }
        Map<String, Object> values = (Map<String, Object>) schema.get("additionalProperties");
        assertThat(where.endsWith("/schema") && values != null && "string".equals(values.get("type")))
                .as(where + " has a free-form body: " + schema).isTrue();
    }

    @TestFactory
    @SuppressWarnings("unchecked")
    Stream<DynamicTest> everyJsonBodyHasASchema() {
        return operations().entrySet().stream().map(entry -> DynamicTest.dynamicTest(entry.getKey(), () -> {
            Map<String, Object> operation = entry.getValue();
            Map<String, Object> request = (Map<String, Object>) operation.get("requestBody");
            if (request != null) {
                Map<String, Object> content = (Map<String, Object>) request.get("content");
                assertThat(content).as(entry.getKey() + " names its body").isNotEmpty();
                Map<String, Object> json = (Map<String, Object>) content.get("application/json");
                if (json != null) {
                    assertTyped(entry.getKey() + " request", (Map<String, Object>) json.get("schema"));
                }
            }
            Map<String, Map<String, Object>> responses = (Map<String, Map<String, Object>>) operation.get("responses");
            responses.forEach((status, response) -> {
                Map<String, Object> content = (Map<String, Object>) response.get("content");
                if (content != null && content.containsKey("application/json")) {
                    assertTyped(entry.getKey(), (Map<String, Object>) ((Map<String, Object>) content.get("application/json")).get("schema"));
                }
            });
        }));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> resolve(Map<String, Object> schema) {
        if (schema.containsKey("$ref")) {
            String name = ((String) schema.get("$ref")).substring("#/components/schemas/".length());
            return resolve((Map<String, Object>) schemas.get(name));
        }
        if (schema.containsKey("allOf")) {
            return resolve(((List<Map<String, Object>>) schema.get("allOf")).get(0));
        }
        return schema;
    }

    /** The JSON has exactly the properties the schema lists, at every level. */
    @SuppressWarnings("unchecked")
    static void assertMatches(String where, JsonNode json, Map<String, Object> schema) {
        Map<String, Object> resolved = resolve(schema);
        if (json == null || json.isNull()) {
            return;
        }
        if (json.isArray()) {
            json.forEach(item -> assertMatches(where + "[]", item, (Map<String, Object>) resolved.get("items")));
        } else if (json.isObject() && resolved.containsKey("properties")) {
            Map<String, Object> properties = (Map<String, Object>) resolved.get("properties");
            TreeSet<String> fields = new TreeSet<>();
            json.fieldNames().forEachRemaining(fields::add);
            assertThat(fields).as(where).isEqualTo(new TreeSet<>(properties.keySet()));
            for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                assertMatches(where + "." + name, json.get(name), (Map<String, Object>) properties.get(name));
            }
        }
    }

    /** The operation that serves a concrete path: the matching template with the fewest parameters. */
    static Map<String, Object> operation(String method, String path) {
        String concrete = normalized(path);
        return operations().entrySet().stream()
                .filter(entry -> entry.getKey().startsWith(method + " "))
                .filter(entry -> concrete.matches(entry.getKey().substring(method.length() + 1)
                        .replace(".", "\\.").replace("{}", "[^/]+")))
                .min((a, b) -> Long.compare(a.getKey().chars().filter(c -> c == '{').count(),
                        b.getKey().chars().filter(c -> c == '{').count()))
                .orElseThrow(() -> new AssertionError("no operation for " + method + " " + path)).getValue();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> answerSchema(String method, String path) {
        Map<String, Map<String, Object>> responses = (Map<String, Map<String, Object>>) operation(method, path).get("responses");
        Map<String, Object> success = responses.entrySet().stream().filter(r -> r.getKey().startsWith("2"))
                .findFirst().orElseThrow().getValue();
        return (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) success.get("content"))
                .get("application/json")).get("schema");
    }

    static JsonNode created(String path, Object body) {
        ApiServer.Reply reply = api.post(path, ApiServer.json(body));
        assertThat(reply.status()).as(path + ": " + reply.body()).isBetween(200, 201);
        assertMatches("POST " + path, reply.json(), answerSchema("POST", path));
        return reply.json();
    }

    @Test
    void theAnswersHaveTheDocumentedFields() throws Exception {
        try (var c = api.database().connect(); var s = c.createStatement()) {
            s.executeUpdate("INSERT INTO users (username, email) VALUES ('docs', 'docs@example.com')");
        }
        String agent = UUID.randomUUID().toString();
        Map<String, Object> agentBody = JobTypesAndAgentsTest.agent(agent, "docs-node");
        agentBody.put("disks", List.of(Map.of("mountpoint", "/", "size", 10, "free", 5)));
        created("/api/v1/agents/", agentBody);
        created("/api/v1/software/", Map.of("software", "docs-sw", "versions", List.of(Map.of("version", "1"))));
        created("/api/v1/agents/" + agent + "/software/", Map.of("software", "docs-sw", "version", "1"));
        created("/api/v1/tags/", Map.of("tag", "docs"));
        created("/api/v1/tags/docs/agents/", Map.of("agent_id", agent));
        long queue = created("/api/v1/jobqueues/", Map.of("name", "docs")).get("id").asLong();
        created("/api/v1/jobqueues/", Map.of("name", "docs-child", "parent_jobqueue_id", queue));
        long group = created("/api/v1/jobgroups/", Map.of("title", "docs", "main_jobtype", "command", "user", "docs")).get("id").asLong();
        created("/api/v1/limits/", Map.of("name", "docs", "capacity", 2));
        created("/api/v1/pathmaps/", Map.of("path_linux", "/a", "path_windows", "A:", "path_osx", "/a", "tag", "docs"));
        created("/api/v1/jobtypes/command/software_requirements/", Map.of("software", "docs-sw", "min_version", "1"));
        Map<String, Object> job = new LinkedHashMap<>(Map.of("title", "docs", "jobtype", "command", "start", 1, "end", 2,
                "tags", List.of("docs"), "tag_requirements", List.of(Map.of("tag", "docs")), "jobqueue", "docs",
                "jobgroup_id", group, "limits", Map.of("docs", 1)));
        job.put("software_requirements", List.of(Map.of("software", "docs-sw")));
        job.put("data", Map.of("command", List.of("true")));
        job.put("environ", Map.of("A", "b"));
        long jobId = created("/api/v1/jobs/", job).get("id").asLong();
        long task = api.get("/api/v1/jobs/" + jobId + "/tasks/").json().get(0).get("id").asLong();
        created("/api/v1/agents/" + agent + "/tasks/", Map.of("id", task));
        created("/api/v1/jobs/" + jobId + "/notified_users/", Map.of("username", "docs"));
        String taskPath = "/api/v1/jobs/" + jobId + "/tasks/" + task;
        created(taskPath + "/failed_on_agents/", Map.of("id", agent));
        created(taskPath + "/attempts/1/logs/", Map.of("identifier", "docs.csv", "agent_id", agent));

        for (String path : List.of("/api/v1/agents/", "/api/v1/agents/" + agent, "/api/v1/agents/" + agent + "/software/",
                "/api/v1/agents/" + agent + "/tasks/", "/api/v1/jobs/", "/api/v1/jobs/" + jobId, "/api/v1/jobs/" + jobId + "/tasks/",
                taskPath, taskPath + "/failed_on_agents/", "/api/v1/jobs/" + jobId + "/notified_users/",
                taskPath + "/attempts/1/logs/", taskPath + "/attempts/1/logs/docs.csv", "/api/v1/jobtypes/",
                "/api/v1/jobtypes/command", "/api/v1/jobtypes/command/versions/", "/api/v1/jobtypes/command/versions/1",
                "/api/v1/jobtypes/command/software_requirements/", "/api/v1/jobtypes/command/software_requirements/docs-sw",
                "/api/v1/software/", "/api/v1/software/docs-sw", "/api/v1/software/docs-sw/versions/",
                "/api/v1/software/docs-sw/versions/1", "/api/v1/tags/", "/api/v1/tags/docs", "/api/v1/tags/docs/agents/",
                "/api/v1/jobqueues/", "/api/v1/jobqueues/docs-child", "/api/v1/jobgroups/", "/api/v1/jobgroups/" + group,
                "/api/v1/jobgroups/" + group + "/jobs", "/api/v1/pathmaps/", "/api/v1/limits/", "/api/v1/limits/docs")) {
            ApiServer.Reply reply = api.get(path);
            assertThat(reply.status()).as(path + ": " + reply.body()).isEqualTo(200);
            assertMatches("GET " + path, reply.json(), answerSchema("GET", path));
        }
    }
}
