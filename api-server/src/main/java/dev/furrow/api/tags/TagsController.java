package dev.furrow.api.tags;

import com.fasterxml.jackson.databind.JsonNode;
import dev.furrow.api.agents.AgentId;
import dev.furrow.api.http.ApiException;
import dev.furrow.api.http.JsonRequest;
import dev.furrow.api.jobs.TagNames;
import dev.furrow.api.listing.ListParameters;
import dev.furrow.api.listing.PageRequest;
import dev.furrow.api.store.Database;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.RequestBean;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Tags, and tagging agents and jobs with them (PyFarm's tags API). */
@Controller("/api/v1/tags")
public final class TagsController {

    private static final Map<String, String> SCHEMA = Map.of("id", "INTEGER", "tag", "VARCHAR(64)");

    private final Database database;

    public TagsController(Database database) {
        this.database = database;
    }

    @Get("/")
    public HttpResponse<List<Map<String, Object>>> list(@RequestBean ListParameters list) {
        PageRequest page = list.page(TagBook.ORDER);
        return database.inTransaction(TagBook::new, tags -> tags.list(page)).response(list);
    }

    @Get("/schema")
    public Map<String, String> schema() {
        return SCHEMA;
    }

    /** Returns the tag, creating it first (201) when it does not exist (200 otherwise). */
    @Post("/")
    @Consumes(MediaType.APPLICATION_JSON)
    public HttpResponse<Map<String, Object>> create(@Nullable @Body String body) {
        JsonRequest json = JsonRequest.parse(body).allowOnly(Set.of("tag")).require("tag");
        String name = TagNames.check(json.string("tag").orElseThrow());
        return database.inTransaction(TagBook::new, tags -> {
            Optional<Long> existing = tags.named(name);
            long id = existing.isPresent() ? existing.get() : tags.create(name);
            return HttpResponse.<Map<String, Object>>status(existing.isPresent() ? HttpStatus.OK : HttpStatus.CREATED)
                    .body(tags.summary(id));
        });
    }

    @Get("/{tag}")
    public Map<String, Object> get(@PathVariable String tag) {
        return database.inTransaction(TagBook::new, tags -> tags.document(tags.find(tag)));
    }

    /** Creates the tag, or replaces its agents and jobs with the listed ones (PyFarm recreates it). */
    @Put("/{tag}")
    @Consumes(MediaType.APPLICATION_JSON)
    public HttpResponse<Map<String, Object>> put(@PathVariable String tag, @Nullable @Body String body) {
        JsonRequest json = JsonRequest.parse(body).allowOnly(Set.of("tag", "agents", "jobs"));
        json.string("tag").filter(name -> !name.equals(tag)).ifPresent(name -> {
            throw ApiException.badRequest("the body names tag '" + name + "' but the path names '" + tag + "'");
        });
        String name = TagNames.check(tag);
        List<String> agents = json.list("agents").stream().map(TagsController::agentId).toList();
        List<Long> jobs = json.list("jobs").stream().map(TagsController::jobId).toList();
        return database.inTransaction(TagBook::new, tags -> {
            Optional<Long> existing = tags.named(name);
            long id = existing.isPresent() ? existing.get() : tags.create(name);
            tags.untagAll(id);
            for (String agent : agents) {
                tags.tagAgent(id, agent);
            }
            for (long job : jobs) {
                tags.tagJob(id, job);
            }
            return HttpResponse.<Map<String, Object>>status(existing.isPresent() ? HttpStatus.OK : HttpStatus.CREATED)
                    .body(tags.document(id));
        });
    }

    @Delete("/{tag}")
    public HttpResponse<Void> delete(@PathVariable String tag) {
        database.inTransaction(TagBook::new, tags -> {
            Optional<Long> id = tags.lookup(tag);
            if (id.isPresent()) {
                tags.delete(id.get());
            }
            return null;
        });
        return HttpResponse.noContent();
    }

    @Get("/{tag}/agents/")
    public HttpResponse<List<Map<String, Object>>> agents(@PathVariable String tag, @RequestBean ListParameters list) {
        PageRequest page = list.page(TagBook.AGENT_ORDER);
        return database.inTransaction(TagBook::new, tags -> tags.agents(tags.find(tag), page)).response(list);
    }

    /** Tags an agent: 201 when newly tagged, 200 when it already had the tag. */
    @Post("/{tag}/agents/")
    @Consumes(MediaType.APPLICATION_JSON)
    public HttpResponse<Map<String, Object>> tagAgent(@PathVariable String tag, @Nullable @Body String body) {
        JsonRequest json = JsonRequest.parse(body).allowOnly(Set.of("agent_id")).require("agent_id");
        String agent = AgentId.parse(json.string("agent_id").orElseThrow());
        return database.inTransaction(TagBook::new, tags -> {
            boolean added = tags.tagAgent(tags.find(tag), agent);
            return HttpResponse.<Map<String, Object>>status(added ? HttpStatus.CREATED : HttpStatus.OK)
                    .body(Map.of("id", agent, "href", "/api/v1/agents/" + agent));
        });
    }

    private static String agentId(JsonNode node) {
        if (!node.isTextual()) {
            throw ApiException.badRequest("'agents' must be a list of agent ids (UUIDs)");
        }
        return AgentId.parse(node.textValue());
    }

    private static long jobId(JsonNode node) {
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw ApiException.badRequest("'jobs' must be a list of job ids");
        }
        return node.longValue();
    }
}
