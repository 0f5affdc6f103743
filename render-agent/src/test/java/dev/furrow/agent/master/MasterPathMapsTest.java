package dev.furrow.agent.master;

import dev.furrow.agent.process.PathMap;
import dev.furrow.messages.Json;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MasterPathMapsTest {

    private static final String MAPS = """
            [{"id": 1, "path_linux": "/mnt/nfs", "path_windows": "\\\\\\\\domains\\\\cifs_server", "path_osx": "/mnt/nfs"},
             {"id": 7, "path_linux": "/renderout", "path_windows": "c:\\\\renderout", "path_osx": "/Volumes/renderout", "tag": "usual"}]""";

    @Test
    void theOtherSystemsPathsMapOntoThisOnesAndIdenticalOnesAreLeftAlone() throws Exception {
        assertThat(MasterPathMaps.forOs(Json.mapper().readTree(MAPS), "linux")).containsExactly(
                new PathMap("\\\\domains\\cifs_server", "/mnt/nfs"),
                new PathMap("c:\\renderout", "/renderout"),
                new PathMap("/Volumes/renderout", "/renderout"));
        assertThat(MasterPathMaps.forOs(Json.mapper().readTree(MAPS), "windows")).containsExactly(
                new PathMap("/mnt/nfs", "\\\\domains\\cifs_server"),
                new PathMap("/renderout", "c:\\renderout"),
                new PathMap("/Volumes/renderout", "c:\\renderout"));
        assertThat(MasterPathMaps.forOs(Json.mapper().readTree(MAPS), "mac")).contains(
                new PathMap("/renderout", "/Volumes/renderout"));
    }
}
