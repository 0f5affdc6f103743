package dev.furrow.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.furrow.store.logs.TaskLogFiles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Registering task logs against attempts, uploading and reading them back. */
class TaskLogsTest {

    @RegisterExtension
    static final ApiServer api = ApiServer.perTestClass();
    static String logs;

    @BeforeEach
    void job() {
        ApiServer.Reply job = api.post("/api/v1/jobs/", ApiServer.json(Map.of("title", "logs", "jobtype", "command", "start", 1, "end", 1)));
        long jobId = job.json().get("id").asLong();
        long taskId = api.get("/api/v1/jobs/" + jobId + "/tasks/").json().get(0).get("id").asLong();
        logs = "/api/v1/jobs/" + jobId + "/tasks/" + taskId + "/attempts/1/logs/";
    }

    static String identifier() {
        return "2026-11-23_16-05-00_1_" + UUID.randomUUID().toString().replace("-", "") + ".csv";
    }

    @Test
    void aRegisteredLogIsListedAndDescribed() {
        String id = identifier();
        ApiServer.Reply created = api.post(logs, "{\"identifier\": \"" + id + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("identifier").asText()).isEqualTo(id);
        assertThat(created.json().get("created_on").asText()).isNotBlank();

        JsonNode listed = api.get(logs).json();
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("identifier").asText()).isEqualTo(id);
        assertThat(api.get(logs + id).json().get("id").asLong()).isEqualTo(created.json().get("id").asLong());
        assertThat(api.post(logs + id, "{\"state\": \"done\"}").status()).isEqualTo(200);
    }

    @Test
    void registeringTheSameLogTwiceConflicts() {
        String id = identifier();
        assertThat(api.post(logs, "{\"identifier\": \"" + id + "\"}").status()).isEqualTo(201);
        assertThat(api.post(logs, "{\"identifier\": \"" + id + "\"}").status()).isEqualTo(409);
    }

    @Test
    void anUploadedLogIsServedBackAsCsv() {
        String id = identifier();
        api.post(logs, "{\"identifier\": \"" + id + "\"}");
        String csv = "2026-11-23T16:05:00Z,0,1,42,\"hello, world\"\n2026-11-23T16:05:01Z,1,2,42,ünïcødé\n";
        assertThat(api.put(logs + id + "/logfile", "text/csv", csv).status()).isEqualTo(201);

        ApiServer.Reply log = api.get(logs + id + "/logfile");
        assertThat(log.status()).isEqualTo(200);
        assertThat(log.contentType()).startsWith("text/csv");
        assertThat(log.body()).isEqualTo(csv);
    }

    @Test
    void aCompressedLogReadsTheSame() {
        String id = identifier();
        api.post(logs, "{\"identifier\": \"" + id + "\"}");
        api.put(logs + id + "/logfile", "text/plain", "a,b\n");
        api.bean(TaskLogFiles.class).compress(id);
        assertThat(api.get(logs + id + "/logfile").body()).isEqualTo("a,b\n");
    }

    @Test
    void unknownLogsAreNotFoundAsJson() {
        String id = identifier();
        ApiServer.Reply unregistered = api.get(logs + id + "/logfile");
        assertThat(unregistered.status()).isEqualTo(404);
        assertThat(unregistered.json().get("error").asText()).contains(id);
        assertThat(api.get(logs + id).status()).isEqualTo(404);
        assertThat(api.put(logs + id + "/logfile", "text/csv", "x\n").status()).isEqualTo(404);

        api.post(logs, "{\"identifier\": \"" + id + "\"}");
        ApiServer.Reply empty = api.get(logs + id + "/logfile");
        assertThat(empty.status()).as("registered but nothing stored yet").isEqualTo(404);
        assertThat(empty.json().get("error").asText()).contains("no content");
    }

    @ParameterizedTest
    @ValueSource(strings = {"..%2F..%2Fetc%2Fpasswd", "..", ".hidden", "a..b", "%2Fetc%2Fpasswd", "a%5Cb", "a%00b"})
    void identifiersThatCouldEscapeTheLogDirectoryAreRefused(String identifier) {
        ApiServer.Reply get = api.get(logs + identifier + "/logfile");
        assertThat(get.status()).as(identifier + ": " + get.body()).isIn(400, 404);
        assertThat(get.json().get("error").asText()).isNotBlank();
        ApiServer.Reply put = api.put(logs + identifier + "/logfile", "text/csv", "owned\n");
        assertThat(put.status()).as(identifier).isIn(400, 404);
    }

    @Test
    void registeringAnUnacceptableIdentifierIsABadRequest() {
        ApiServer.Reply reply = api.post(logs, "{\"identifier\": \"../../etc/passwd\"}");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("error").asText()).contains("not an acceptable log identifier");
        assertThat(api.get(logs + "a..b").status()).isEqualTo(400);
        String tooLong = "a".repeat(253);
        assertThat(api.get(logs + tooLong + "/logfile").status()).as("its .gz name would not be valid").isEqualTo(400);
        assertThat(api.post(logs, "{\"identifier\": \"" + "b".repeat(252) + "\"}").status()).isEqualTo(201);
    }

    @Test
    void logsOfAnUnknownTaskAreNotFound() {
        assertThat(api.get("/api/v1/jobs/1/tasks/99999999/attempts/1/logs/").status()).isEqualTo(404);
    }

    @Test
    void anUploadWithoutAContentTypeIsStoredToo() {
        String id = identifier();
        api.post(logs, "{\"identifier\": \"" + id + "\"}");
        ApiServer.Reply put = api.send(java.net.http.HttpRequest.newBuilder(api.uri(logs + id + "/logfile"))
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("x,y\n")));
        assertThat(put.status()).as(put.body()).isEqualTo(201);
        assertThat(api.get(logs + id + "/logfile").body()).isEqualTo("x,y\n");
    }
}
