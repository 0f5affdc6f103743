package dev.furrow.api.agents;

import dev.furrow.api.http.ApiException;
import dev.furrow.api.http.JsonRequest;
import dev.furrow.api.listing.ListParameters;
import dev.furrow.api.listing.ListQuery;
import dev.furrow.api.listing.Ordering;
import dev.furrow.api.listing.PageRequest;
import dev.furrow.api.store.Database;
import dev.furrow.api.store.Sql;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.RequestBean;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import static dev.furrow.api.listing.Ordering.number;
import static dev.furrow.api.listing.Ordering.text;

/** The software versions installed on an agent (PyFarm's agents/{id}/software API). */
@Controller("/api/v1/agents/{agent}/software")
public final class AgentSoftwareController {

    /** By software, then version rank (PyFarm's order). */
    private static final Ordering ORDER = Ordering.by("software", text("s.software"), number("v.`rank`"), number("v.id"));

    private final Database database;

    public AgentSoftwareController(Database database) {
        this.database = database;
    }

    @Get("/")
    public HttpResponse<List<InstalledSoftware>> list(@PathVariable String agent, @RequestBean ListParameters list) {
        String id = AgentId.parse(agent);
        PageRequest page = list.page(ORDER);
        return database.inTransaction(c -> {
            Sql sql = new Sql(c);
            AgentFinder.require(sql, id);
            return ListQuery.select("s.software, v.version", """
                            agent_software_version_associations a
                            JOIN software_versions v ON v.id = a.software_version_id JOIN software s ON s.id = v.software_id""")
                    .where("a.agent_id = ?", id)
                    .page(sql, page, row -> new InstalledSoftware(row.getString("software"), row.getString("version")));
        }).response(list);
    }

    /** Marks a version of a software as installed on the agent. */
    @Post("/")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(content = @Content(schema = @Schema(implementation = InstalledSoftware.class)))
    public InstalledSoftware add(@PathVariable String agent, @Nullable @Body String body) {
        String id = AgentId.parse(agent);
        JsonRequest json = JsonRequest.parse(body).matching(InstalledSoftware.class);
        String software = json.string("software").orElseThrow();
        String version = json.string("version").orElseThrow();
        return database.inTransaction(c -> {
            Sql sql = new Sql(c);
            AgentFinder.require(sql, id);
            long versionId = versionId(sql, software, version)
                    .orElseThrow(() -> ApiException.notFound("software '" + software + "' has no version '" + version + "'"));
            sql.update("INSERT IGNORE INTO agent_software_version_associations (agent_id, software_version_id) VALUES (?, ?)", id, versionId);
            return new InstalledSoftware(software, version);
        });
    }

    /** 204 also when the version was not marked on the agent; 404 when the agent does not exist. */
    @Delete("/{software}/versions/{version}")
    public HttpResponse<Void> remove(@PathVariable String agent, @PathVariable String software, @PathVariable String version) {
        String id = AgentId.parse(agent);
        database.inTransaction(c -> {
            Sql sql = new Sql(c);
            AgentFinder.require(sql, id);
            Optional<Long> versionId = versionId(sql, software, version);
            if (versionId.isPresent()) {
                sql.update("DELETE FROM agent_software_version_associations WHERE agent_id = ? AND software_version_id = ?", id, versionId.get());
            }
            return null;
        });
        return HttpResponse.noContent();
    }

    private static Optional<Long> versionId(Sql sql, String software, String version) throws SQLException {
        return sql.one("""
                SELECT v.id FROM software_versions v JOIN software s ON s.id = v.software_id
                WHERE s.software = ? AND v.version = ?""", row -> row.getLong(1), software, version);
    }
}
