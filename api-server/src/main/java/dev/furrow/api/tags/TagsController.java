package dev.furrow.api.tags;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
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
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Tags, and tagging agents and jobs with them (PyFarm's tags API). */
@Controller("/api/v1/tags")
public final class TagsController {

    private static final Map<String, String> SCHEMA = Map.of("id", "INTEGER", "tag", "VARCHAR(64)");

    /**
     * The body of POST /tags/.
     *
     * @param tag 1-64 characters
     */
    @Schema(name = "TagRequest")
    record NewTag(String tag) {
    }

    /**
     * The body of PUT /tags/{tag}: the tag's agents and jobs from now on.
     *
     * @param tag    if given, the name in the path
     * @param agents agent ids
     * @param jobs   job ids
     */
    @Schema(name = "TagReplacement")
    record Replacement(@Nullable String tag, @Nullable List<String> agents, @Nullable List<Long> jobs) {
    }

    /**
     * The body of POST /tags/{tag}/agents/.
     *
     * @param agentId the agent's id
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(name = "TagAgentRequest")
    record AgentToTag(String agentId) {
    }

    private final Database database;

    public TagsController(Database database) {
        this.database = database;
    }

    @Get("/")
    public HttpResponse<List<Tag.Summary>> list(@RequestBean ListParameters list) {
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
    @RequestBody(content = @Content(schema = @Schema(implementation = NewTag.class)))
    public HttpResponse<Tag.Name> create(@Nullable @Body String body) {
        JsonRequest json = JsonRequest.parse(body).matching(NewTag.class);
        String name = TagNames.check(json.string("tag").orElseThrow());
        return database.inTransaction(TagBook::new, tags -> {
            Optional<Long> existing = tags.named(name);
            long id = existing.isPresent() ? existing.get() : tags.create(name);
            return HttpResponse.<Tag.Name>status(existing.isPresent() ? HttpStatus.OK : HttpStatus.CREATED)
                    .body(tags.name(id));
        });
    }

    @Get("/{tag}")
    public Tag get(@PathVariable String tag) {
        return database.inTransaction(TagBook::new, tags -> tags.document(tags.find(tag)));
    }

    /** Creates the tag, or replaces its agents and jobs with the listed ones (PyFarm recreates it). */
    @Put("/{tag}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(content = @Content(schema = @Schema(implementation = Replacement.class)))
    public HttpResponse<Tag> put(@PathVariable String tag, @Nullable @Body String body) {
        JsonRequest json = JsonRequest.parse(body).matching(Replacement.class);
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
            return HttpResponse.<Tag>status(existing.isPresent() ? HttpStatus.OK : HttpStatus.CREATED)
                    .body(tags.document(id));
        });
    }

    @Delete("/{tag}")
    public HttpResponse<Void> delete(@PathVariable String tag) {
        database.inTransaction(TagBook::new, tags -> tags.deleteIfExists(tag));
        return HttpResponse.noContent();
    }

    @Get("/{tag}/agents/")
    public HttpResponse<List<Tag.Agent>> agents(@PathVariable String tag, @RequestBean ListParameters list) {
        PageRequest page = list.page(TagBook.AGENT_ORDER);
        return database.inTransaction(TagBook::new, tags -> tags.agents(tags.find(tag), page)).response(list);
    }

    /** Tags an agent: 201 when newly tagged, 200 when it already had the tag. */
    @Post("/{tag}/agents/")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(content = @Content(schema = @Schema(implementation = AgentToTag.class)))
    public HttpResponse<Tag.Agent> tagAgent(@PathVariable String tag, @Nullable @Body String body) {
        JsonRequest json = JsonRequest.parse(body).matching(AgentToTag.class);
        String agent = AgentId.parse(json.string("agent_id").orElseThrow());
        return database.inTransaction(TagBook::new, tags -> {
            boolean added = tags.tagAgent(tags.find(tag), agent);
            return HttpResponse.<Tag.Agent>status(added ? HttpStatus.CREATED : HttpStatus.OK).body(tags.agent(agent));
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
