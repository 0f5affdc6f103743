package dev.furrow.api.pathmaps;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.furrow.api.http.ApiException;
import dev.furrow.api.http.JsonRequest;
import dev.furrow.api.jobs.JobReferences;
import dev.furrow.api.jobs.TagNames;
import dev.furrow.api.listing.ListParameters;
import dev.furrow.api.listing.ListQuery;
import dev.furrow.api.listing.Ordering;
import dev.furrow.api.listing.PageRequest;
import dev.furrow.api.store.Database;
import dev.furrow.api.store.Sql;
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
import io.micronaut.http.annotation.RequestBean;
import io.micronaut.http.annotation.Status;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.furrow.api.listing.Ordering.number;

/**
 * Path maps: equivalent path prefixes on Linux, Windows and macOS, optionally only for agents with a tag
 * (PyFarm's pathmaps API).
 */
@Controller("/api/v1/pathmaps")
public final class PathMapsController {

    private static final Map<String, String> SCHEMA = Map.of("id", "INTEGER", "path_linux", "VARCHAR(512)",
            "path_windows", "VARCHAR(512)", "path_osx", "VARCHAR(512)", "tag", "VARCHAR(64)");
    private static final Set<String> PATHS = Set.of("path_linux", "path_windows", "path_osx");
    private static final String COLUMNS = "p.*, t.tag";
    private static final String FROM = "path_maps p LEFT JOIN tags t ON t.id = p.tag_id";
    /** PyFarm lists path maps by id. */
    private static final Ordering ORDER = Ordering.by("id", number("p.id"));

    /**
     * The body of POST /pathmaps/ (the three paths required) and POST /pathmaps/{id} (what changes).
     *
     * @param pathLinux   1-512 characters
     * @param pathWindows 1-512 characters
     * @param pathOsx     1-512 characters
     * @param tag         only for agents with this tag; created when new
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(name = "PathMapRequest")
    record Fields(@Nullable String pathLinux, @Nullable String pathWindows, @Nullable String pathOsx,
                  @Nullable String tag) {
    }

    private final Database database;

    public PathMapsController(Database database) {
        this.database = database;
    }

    @Get("/")
    public HttpResponse<List<PathMap>> list(@RequestBean PathMapFilter filter, @RequestBean ListParameters list) {
        PageRequest page = list.page(ORDER);
        return database.inTransaction(c -> {
            ListQuery query = ListQuery.select(COLUMNS, FROM);
            filter.narrow(query);
            return query.page(new Sql(c), page, PathMapsController::document);
        }).response(list);
    }

    @Get("/schema")
    public Map<String, String> schema() {
        return SCHEMA;
    }

    @Post("/")
    @Consumes(MediaType.APPLICATION_JSON)
    @Status(HttpStatus.CREATED)
    @RequestBody(content = @Content(schema = @Schema(implementation = Fields.class)))
    public PathMap create(@Nullable @Body String body) {
        JsonRequest json = JsonRequest.parse(body).matching(Fields.class).require("path_linux", "path_windows", "path_osx");
        Map<String, Object> columns = columns(json);
        return database.inTransaction(c -> {
            Sql sql = new Sql(c);
            resolveTag(sql, json, columns);
            long id = sql.insert("INSERT INTO path_maps (" + String.join(", ", columns.keySet()) + ") VALUES ("
                    + "?, ".repeat(columns.size() - 1) + "?)", columns.values().toArray());
            return load(sql, id);
        });
    }

    @Get("/{pathmap}")
    public PathMap get(@PathVariable String pathmap) {
        long id = pathmapId(pathmap);
        return database.inTransaction(c -> load(new Sql(c), id));
    }

    @Post("/{pathmap}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(content = @Content(schema = @Schema(implementation = Fields.class)))
    public PathMap update(@PathVariable String pathmap, @Nullable @Body String body) {
        long id = pathmapId(pathmap);
        JsonRequest json = JsonRequest.parse(body).matching(Fields.class);
        Map<String, Object> columns = columns(json);
        return database.inTransaction(c -> {
            Sql sql = new Sql(c);
            load(sql, id);
            resolveTag(sql, json, columns);
            if (!columns.isEmpty()) {
                List<Object> values = new ArrayList<>(columns.values());
                values.add(id);
                sql.update("UPDATE path_maps SET " + String.join(" = ?, ", columns.keySet()) + " = ? WHERE id = ?", values.toArray());
            }
            return load(sql, id);
        });
    }

    @Delete("/{pathmap}")
    public HttpResponse<Void> delete(@PathVariable String pathmap) {
        long id = pathmapId(pathmap);
        database.inTransaction(c -> new Sql(c).update("DELETE FROM path_maps WHERE id = ?", id));
        return HttpResponse.noContent();
    }

    private static Map<String, Object> columns(JsonRequest json) {
        Map<String, Object> columns = new LinkedHashMap<>();
        for (String path : PATHS) {
            json.string(path).ifPresent(value -> {
                if (value.isEmpty() || value.length() > 512) {
                    throw ApiException.badRequest(path + " must have 1 to 512 characters");
                }
                columns.put(path, value);
            });
            if (json.has(path) && !json.present(path)) {
                throw ApiException.badRequest(path + " must not be null");
            }
        }
        return columns;
    }

    private static void resolveTag(Sql sql, JsonRequest json, Map<String, Object> columns) throws SQLException {
        if (json.has("tag")) {
            String tag = json.string("tag").map(TagNames::check).orElse(null);
            columns.put("tag_id", tag == null ? null : new JobReferences(sql).tag(tag));
        }
    }

    private static PathMap load(Sql sql, long id) throws SQLException {
        return sql.one("SELECT " + COLUMNS + " FROM " + FROM + " WHERE p.id = ?", PathMapsController::document, id)
                .orElseThrow(() -> ApiException.notFound("pathmap " + id + " not found"));
    }

    private static PathMap document(ResultSet row) throws SQLException {
        return new PathMap(row.getLong("id"), row.getString("path_linux"), row.getString("path_windows"),
                row.getString("path_osx"), row.getString("tag"));
    }

    private static long pathmapId(String text) {
        if (!text.matches("[0-9]{1,18}")) {
            throw ApiException.notFound("pathmap '" + text + "' not found; pathmap ids are numbers");
        }
        return Long.parseLong(text);
    }
}
