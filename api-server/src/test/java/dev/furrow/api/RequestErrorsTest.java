package dev.furrow.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpRequest;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every refusal is {"error": "..."} with the right 4xx, whatever the request contains. */
class RequestErrorsTest {

    @RegisterExtension
    static final ApiServer api = ApiServer.perTestClass(Map.of("micronaut.server.max-request-size", "1MB"));

    static Map<String, Object> job() {
        Map<String, Object> job = new LinkedHashMap<>();
        job.put("title", "errors");
        job.put("jobtype", "command");
        job.put("start", 1);
        job.put("end", 3);
        return job;
    }

    static Map<String, Object> jobWith(String key, Object value) {
        Map<String, Object> job = job();
        job.put(key, value);
        return job;
    }

    static void assertError(ApiServer.Reply reply, int status, String messagePart) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.contentType()).startsWith("application/json");
        JsonNode error = reply.json().get("error");
        assertThat(error).as(reply.body()).isNotNull();
        assertThat(error.asText()).containsIgnoringCase(messagePart);
    }

    @Test
    void malformedJsonIsABadRequest() {
        assertError(api.post("/api/v1/jobs/", "{\"title\": \"x\", "), 400, "not valid JSON");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "42", "\"text\"", "null", "", "   "})
    void aBodyThatIsNotAnObjectIsABadRequest(String body) {
        assertError(api.post("/api/v1/jobs/", body), 400, "JSON object");
    }

    @Test
    void wrongContentTypeIsUnsupported() {
        ApiServer.Reply reply = api.send(HttpRequest.newBuilder(api.uri("/api/v1/jobs/"))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(reply.status()).isEqualTo(415);
        assertThat(reply.json().get("error").asText()).isNotBlank();
    }

    @Test
    void oversizedBodyIsTooLarge() {
        String huge = "{\"title\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}";
        ApiServer.Reply reply = api.post("/api/v1/jobs/", huge);
        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.json().get("error").asText()).isNotBlank();
    }

    @Test
    void unknownRouteIsNotFoundAsJson() {
        ApiServer.Reply reply = api.get("/api/v1/no-such-thing");
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.json().get("error").asText()).isNotBlank();
    }

    @Test
    void wrongMethodIsNotAllowedAsJson() {
        ApiServer.Reply reply = api.send(HttpRequest.newBuilder(api.uri("/api/v1/jobtypes/"))
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json"));
        assertThat(reply.status()).isEqualTo(405);
        assertThat(reply.json().get("error").asText()).isNotBlank();
    }

    @Test
    void unknownColumnsAreRefused() {
        assertError(api.post("/api/v1/jobs/", ApiServer.json(jobWith("colour", "blue"))), 400, "colour");
    }

    @Test
    void missingRequiredFieldsAreNamed() {
        Map<String, Object> job = job();
        job.remove("end");
        assertError(api.post("/api/v1/jobs/", ApiServer.json(job)), 400, "'end' is required");
    }

    @Test
    void unknownJobtypeIsNotFound() {
        assertError(api.post("/api/v1/jobs/", ApiServer.json(jobWith("jobtype", "maya"))), 404, "maya");
    }

    @Test
    void unknownJobtypeVersionIsNotFound() {
        assertError(api.post("/api/v1/jobs/", ApiServer.json(jobWith("jobtype_version", 7))), 404, "no version 7");
    }

    @Test
    void unknownReferencesAreNotFound() {
        assertError(api.post("/api/v1/jobs/", ApiServer.json(jobWith("jobqueue", "nope"))), 404, "jobqueue");
        assertError(api.post("/api/v1/jobs/", ApiServer.json(jobWith("user", "nobody"))), 404, "user");
        assertError(api.post("/api/v1/jobs/", ApiServer.json(jobWith("parents", java.util.List.of(999999)))), 404, "parent");
        assertError(api.post("/api/v1/jobs/", ApiServer.json(jobWith("software_requirements",
                java.util.List.of(Map.of("software", "blender"))))), 404, "blender");
    }

    @Test
    void endBeforeStartIsRefused() {
        Map<String, Object> job = job();
        job.put("start", 10);
        job.put("end", 2);
        assertError(api.post("/api/v1/jobs/", ApiServer.json(job)), 400, "must not be before start");
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, -1, -0.5})
    void byMustBePositive(double by) {
        assertError(api.post("/api/v1/jobs/", ApiServer.json(jobWith("by", by))), 400, "by");
    }

    @Test
    void oddFramesAreRefusedWithAReason() {
        assertError(api.post("/api/v1/jobs/", ApiServer.json(jobWith("by", 0.00001))), 400, "decimal places");
        assertError(api.post("/api/v1/jobs/", ApiServer.json(jobWith("end", 1e12))), 400, "between");
        Map<String, Object> huge = job();
        huge.put("start", -999999);
        huge.put("end", 999999);
        huge.put("by", 0.001);
        assertError(api.post("/api/v1/jobs/", ApiServer.json(huge)), 400, "at most 1000000");
    }

    @Test
    void negativeAndFractionalFramesAreAccepted() {
        Map<String, Object> job = job();
        job.put("start", -2);
        job.put("end", 1);
        job.put("by", 0.5);
        ApiServer.Reply reply = api.post("/api/v1/jobs/", ApiServer.json(job));
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        ApiServer.Reply tasks = api.get("/api/v1/jobs/" + reply.json().get("id").asLong() + "/tasks/");
        assertThat(tasks.json()).hasSize(7);
        assertThat(tasks.json().get(0).get("frame").asDouble()).isEqualTo(-2.0);
        assertThat(tasks.json().get(6).get("frame").asDouble()).isEqualTo(1.0);
    }

    @Test
    void valuesOfTheWrongTypeAreRefused() {
        assertError(api.post("/api/v1/jobs/", ApiServer.json(jobWith("start", "one"))), 400, "'start' must be a number");
        assertError(api.post("/api/v1/jobs/", ApiServer.json(jobWith("priority", 1.5))), 400, "priority");
        assertError(api.post("/api/v1/jobs/", ApiServer.json(jobWith("hidden", "yes"))), 400, "hidden");
        assertError(api.post("/api/v1/jobs/", ApiServer.json(jobWith("data", "x"))), 400, "data");
        assertError(api.post("/api/v1/jobs/", ApiServer.json(jobWith("tags", "a"))), 400, "tags");
        assertError(api.post("/api/v1/jobs/", ApiServer.json(jobWith("environ", Map.of("A", 1)))), 400, "environ.A");
        assertError(api.post("/api/v1/jobs/", ApiServer.json(jobWith("priority", 99999999999L))), 400, "priority");
    }

    @Test
    void rangesFollowPyFarmsModels() {
        assertError(api.post("/api/v1/jobs/", ApiServer.json(jobWith("priority", 1001))), 400, "priority");
        assertError(api.post("/api/v1/jobs/", ApiServer.json(jobWith("priority", -1001))), 400, "priority");
        assertError(api.post("/api/v1/jobs/", ApiServer.json(jobWith("cpus", 257))), 400, "cpus");
        assertError(api.post("/api/v1/jobs/", ApiServer.json(jobWith("cpus", -2))), 400, "cpus");
        assertError(api.post("/api/v1/jobs/", ApiServer.json(jobWith("ram", 8))), 400, "ram");
        assertError(api.post("/api/v1/jobs/", ApiServer.json(jobWith("requeue", -2))), 400, "requeue");
        assertError(api.post("/api/v1/jobs/", ApiServer.json(jobWith("batch", 0))), 400, "batch");
        assertError(api.post("/api/v1/jobs/", ApiServer.json(jobWith("title", "t".repeat(256)))), 400, "title");
        assertError(api.post("/api/v1/jobs/", ApiServer.json(jobWith("title", ""))), 400, "title");
        assertThat(api.post("/api/v1/jobs/", ApiServer.json(jobWith("cpus", -1))).status()).isEqualTo(201);
        assertThat(api.post("/api/v1/jobs/", ApiServer.json(jobWith("ram", 0))).status()).isEqualTo(201);
        assertThat(api.post("/api/v1/jobs/", ApiServer.json(jobWith("priority", 1000))).status()).isEqualTo(201);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Robert'); DROP TABLE jobs;--", "a\"b\\c`d", "%_%", "Ünïcødé 渲染 🎬 \u200b\u202e", "x/../y"})
    void oddTitlesAreStoredAndReadBackExactly(String title) {
        ApiServer.Reply reply = api.post("/api/v1/jobs/", ApiServer.json(jobWith("title", title)));
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        long id = reply.json().get("id").asLong();
        assertThat(api.get("/api/v1/jobs/" + id).json().get("title").asText()).isEqualTo(title);
        assertThat(api.get("/api/v1/jobs/").json().findValuesAsText("title")).contains(title);
    }

    @Test
    void unknownJobIsNotFound() {
        assertError(api.get("/api/v1/jobs/987654"), 404, "not found");
        assertError(api.get("/api/v1/jobs/no%20such%20title"), 404, "not found");
        assertError(api.get("/api/v1/jobs/987654/tasks/"), 404, "not found");
    }

    @Test
    void aValueTooLargeForItsColumnIsABadRequestNotAServerError() {
        assertError(api.post("/api/v1/jobs/", ApiServer.json(jobWith("notes", "n".repeat(70_000)))), 400, "does not fit");
    }

    @Test
    void jsonWithACharsetParameterIsAccepted() {
        ApiServer.Reply reply = api.send(HttpRequest.newBuilder(api.uri("/api/v1/jobs/"))
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(ApiServer.json(jobWith("title", "charset ✓")))));
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        assertThat(reply.json().get("title").asText()).isEqualTo("charset ✓");
    }

    @Test
    void deeplyNestedJsonIsABadRequest() {
        String nested = "{\"data\": " + "{\"a\": ".repeat(2000) + "1" + "}".repeat(2000) + "}";
        ApiServer.Reply reply = api.post("/api/v1/jobs/", nested);
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("error").asText()).isNotBlank();
    }
}
