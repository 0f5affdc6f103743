package dev.furrow.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Path maps, general and per agent tag. */
class PathMapsTest {

    @RegisterExtension
    static final ApiServer api = ApiServer.perTestClass();

    @Test
    void pathMapsAreCreatedUpdatedFilteredForAnAgentAndDeleted() {
        ApiServer.Reply general = api.post("/api/v1/pathmaps/", ApiServer.json(Map.of(
                "path_linux", "/mnt/nfs", "path_windows", "\\\\server\\share", "path_osx", "/Volumes/nfs")));
        assertThat(general.status()).as(general.body()).isEqualTo(201);
        assertThat(general.json().get("path_windows").asText()).isEqualTo("\\\\server\\share");
        ApiServer.Reply tagged = api.post("/api/v1/pathmaps/", ApiServer.json(Map.of(
                "path_linux", "/renderout", "path_windows", "c:\\renderout", "path_osx", "/renderout", "tag", "usual")));
        assertThat(tagged.json().get("tag").asText()).isEqualTo("usual");

        String agent = UUID.randomUUID().toString();
        api.post("/api/v1/agents/", ApiServer.json(Map.of("id", agent, "hostname", "n", "port", 50000, "cpus", 1, "ram", 1024, "free_ram", 100)));
        assertThat(api.get("/api/v1/pathmaps/?for_agent=" + agent).json()).hasSize(1);
        api.post("/api/v1/tags/usual/agents/", "{\"agent_id\": \"" + agent + "\"}");
        assertThat(api.get("/api/v1/pathmaps/?for_agent=" + agent).json()).hasSize(2);
        assertThat(api.get("/api/v1/pathmaps/").json().size()).isGreaterThanOrEqualTo(2);

        long id = general.json().get("id").asLong();
        JsonNode updated = api.post("/api/v1/pathmaps/" + id, "{\"path_linux\": \"/mnt/smb\"}").json();
        assertThat(updated.get("path_linux").asText()).isEqualTo("/mnt/smb");
        assertThat(updated.get("path_osx").asText()).isEqualTo("/Volumes/nfs");
        assertThat(api.delete("/api/v1/pathmaps/" + id).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/pathmaps/" + id).status()).isEqualTo(404);
        assertThat(api.delete("/api/v1/pathmaps/" + id).status()).isEqualTo(204);
    }

    @Test
    void invalidPathMapsAreRefused() {
        assertThat(api.post("/api/v1/pathmaps/", "{\"path_linux\": \"/a\"}").status()).isEqualTo(400);
        assertThat(api.post("/api/v1/pathmaps/", "{\"path_linux\": \"/a\", \"path_windows\": \"b\", \"path_osx\": \"\"}").status()).isEqualTo(400);
        assertThat(api.post("/api/v1/pathmaps/", "{\"path_linux\": \"/a\", \"path_windows\": \"b\", \"path_osx\": \"/c\", \"id\": 5}").status()).isEqualTo(400);
        assertThat(api.post("/api/v1/pathmaps/99999", "{\"path_linux\": \"/a\"}").status()).isEqualTo(404);
        assertThat(api.get("/api/v1/pathmaps/?for_agent=nope").status()).isEqualTo(400);
        assertThat(api.get("/api/v1/pathmaps/schema").json().get("tag").asText()).isEqualTo("VARCHAR(64)");
    }
}
