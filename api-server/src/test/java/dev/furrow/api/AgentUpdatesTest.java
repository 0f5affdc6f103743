package dev.furrow.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** PUT and GET /api/v1/agents/updates/<version>: agent update zips in furrow.agent-updates-dir. */
class AgentUpdatesTest {

    static final Path UPDATES_DIR = createTempDir();

    @RegisterExtension
    static final ApiServer api = ApiServer.perTestClass(Map.of("furrow.agent-updates-dir", UPDATES_DIR.toString()));

    static Path createTempDir() {
        try {
            return Files.createTempDirectory("furrow-agent-updates");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static byte[] zip(String content) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("pyfarm-agent/VERSION"));
            zip.write(content.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    static ApiServer.Reply upload(String version, byte[] body) {
        return api.send(HttpRequest.newBuilder(api.uri("/api/v1/agents/updates/" + version))
                .header("Content-Type", "application/zip").PUT(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    static HttpResponse<byte[]> download(String version) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(api.uri("/api/v1/agents/updates/" + version)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void anUploadedZipIsServedBackByVersion() throws Exception {
        byte[] first = zip("1.2.3");
        ApiServer.Reply stored = upload("1.2.3", first);
        assertThat(stored.status()).as(stored.body()).isEqualTo(200);
        assertThat(stored.json().get("size").asInt()).isEqualTo(first.length);
        assertThat(UPDATES_DIR.resolve("1.2.3.zip")).exists();

        HttpResponse<byte[]> fetched = download("1.2.3");
        assertThat(fetched.statusCode()).isEqualTo(200);
        assertThat(fetched.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/zip"));
        assertThat(fetched.body()).isEqualTo(first);

        byte[] replacement = zip("1.2.3 rebuilt");
        assertThat(upload("1.2.3", replacement).status()).isEqualTo(200);
        assertThat(download("1.2.3").body()).isEqualTo(replacement);
    }

    @Test
    void unknownVersionsAre404Json() throws Exception {
        HttpResponse<byte[]> missing = download("9.9.9");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(new String(missing.body(), StandardCharsets.UTF_8)).contains("\"error\"").contains("9.9.9");
    }

    @Test
    void bodiesThatAreNotZipsAndVersionsThatAreNotFileNamesAreRefused() throws Exception {
        assertThat(upload("2.0.0", "not a zip".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(400);
        byte[] truncated = java.util.Arrays.copyOf(zip("2.0.0"), 20);
        assertThat(upload("2.0.0", truncated).status()).isEqualTo(400);
        assertThat(upload("2.0.0", new byte[0]).status()).isEqualTo(400);
        assertThat(upload("..", zip("x")).status()).isIn(400, 404);
        assertThat(upload("..%2F..%2Fetc", zip("x")).status()).isIn(400, 404);
        assertThat(upload(".hidden", zip("x")).status()).isEqualTo(400);
        assertThat(upload("1..2", zip("x")).status()).isEqualTo(400);
        assertThat(download("%2E%2E").statusCode()).isIn(400, 404);
        try (var files = Files.list(UPDATES_DIR)) {
            assertThat(files.map(p -> p.getFileName().toString())).doesNotContain("2.0.0.zip").noneMatch(n -> n.endsWith(".partial"));
        }
    }
}
