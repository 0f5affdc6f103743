package dev.furrow.agent.master;

import com.fasterxml.jackson.databind.JsonNode;
import dev.furrow.agent.process.PathMap;
import dev.furrow.messages.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The master's path maps for this agent ({@code GET /pathmaps/?for_agent=<id>}: those without a tag and those of
 * the agent's tags), as {@link PathMap}s onto this agent's OS: a map's Linux, Windows and macOS paths are the same
 * place, so each of the other two becomes a "from" of this OS's path. Refreshed on start and on every
 * re-announcement; when the master cannot be reached the last list stays in use.
 */
public final class MasterPathMaps {

    private static final Logger LOG = LoggerFactory.getLogger(MasterPathMaps.class);

    private final Optional<MasterApi> master;
    private final UUID agentId;
    private final String osClass;
    private volatile List<PathMap> current = List.of();

    /** {@code osClass} PyFarm's: linux, mac, windows or bsd. */
    public MasterPathMaps(Optional<MasterApi> master, UUID agentId, String osClass) {
        this.master = master;
        this.agentId = agentId;
        this.osClass = osClass;
    }

    /** The maps as last fetched (empty before the first fetch or without --master-api). */
    public List<PathMap> current() {
        return current;
    }

    public void refresh() throws InterruptedException {
        if (master.isEmpty()) {
            return;
        }
        String path = "/pathmaps/?for_agent=" + agentId;
        try {
            HttpResponse<String> answer = master.get().get(path);
            if (answer.statusCode() != 200) {
                LOG.warn("the master's path maps ({}) answered {}; keeping the {} known", master.get().uri(path),
                        answer.statusCode(), current.size());
                return;
            }
            List<PathMap> fetched = forOs(Json.mapper().readTree(answer.body()), osClass);
            if (!fetched.equals(current)) {
                LOG.info("path maps from the master: {}", fetched);
            }
            current = fetched;
        } catch (IOException e) {
            LOG.warn("cannot fetch the master's path maps from {} ({}); keeping the {} known", master.get().uri(path),
                    e.toString(), current.size());
        }
    }

    /** The master's documents onto {@code osClass}: for each, every other OS's path maps to this OS's. */
    static List<PathMap> forOs(JsonNode documents, String osClass) {
        String own = switch (osClass) {
            case "windows" -> "path_windows";
            case "mac" -> "path_osx";
            default -> "path_linux";
        };
        List<PathMap> maps = new ArrayList<>();
        for (JsonNode document : documents) {
            String to = document.path(own).asText("");
            if (to.isEmpty()) {
                continue;
            }
            Set<String> froms = new LinkedHashSet<>();
            for (String other : List.of("path_linux", "path_windows", "path_osx")) {
                String from = document.path(other).asText("");
                if (!from.isEmpty() && !from.equals(to)) {
                    froms.add(from);
                }
            }
            froms.forEach(from -> maps.add(new PathMap(from, to)));
        }
        return List.copyOf(maps);
    }
}
