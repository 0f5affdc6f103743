package dev.furrow.api.software;

import com.fasterxml.jackson.databind.JsonNode;
import dev.furrow.api.http.ApiException;
import dev.furrow.api.http.JsonRequest;
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
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.RequestBean;
import io.micronaut.http.annotation.Status;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Software and software versions that jobs and job types can require (PyFarm's software API). */
@Controller("/api/v1/software")
public final class SoftwareController {

    private static final Map<String, String> SCHEMA = Map.of("id", "INTEGER", "software", "VARCHAR(64)");

    /**
     * The body of POST /software/ (software required) and PUT /software/{software}.
     *
     * @param software the name; POST needs it, PUT renames an existing item with it
     * @param versions versions to add
     */
    @Schema(name = "SoftwareRequest")
    record Item(@Nullable String software, @Nullable List<SoftwareCatalog.NewVersion> versions) {
    }

    private final Database database;

    public SoftwareController(Database database) {
        this.database = database;
    }

    @Get("/")
    public HttpResponse<List<Software>> list(@RequestBean ListParameters list) {
        PageRequest page = list.page(SoftwareCatalog.ORDER);
        return database.inTransaction(SoftwareCatalog::new, catalog -> catalog.list(page)).response(list);
    }

    @Get("/schema")
    public Map<String, String> schema() {
        return SCHEMA;
    }

    /** Creates a software item with the listed versions; 409 when it exists. */
    @Post("/")
    @Consumes(MediaType.APPLICATION_JSON)
    @Status(HttpStatus.CREATED)
    @RequestBody(content = @Content(schema = @Schema(implementation = Item.class)))
    public Software create(@Nullable @Body String body) {
        JsonRequest json = JsonRequest.parse(body).matching(Item.class).require("software");
        String name = SoftwareCatalog.checkName(json.string("software").orElseThrow());
        List<SoftwareCatalog.NewVersion> versions = versions(json);
        return database.inTransaction(SoftwareCatalog::new, catalog -> {
            if (catalog.lookup(name).isPresent()) {
                throw ApiException.conflict("software '" + name + "' exists");
            }
            long id = catalog.create(name);
            for (SoftwareCatalog.NewVersion version : versions) {
                catalog.addVersion(id, version);
            }
            return catalog.document(id);
        });
    }

    @Get("/{software}")
    public Software get(@PathVariable String software) {
        return database.inTransaction(SoftwareCatalog::new, catalog -> catalog.document(catalog.find(software)));
    }

    /**
     * Creates the item (201) or adds the listed versions it does not have yet (200). A name in the body renames an
     * existing item; a new item must have the name of the path (PyFarm).
     */
    @Put("/{software}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(content = @Content(schema = @Schema(implementation = Item.class)))
    public HttpResponse<Software> put(@PathVariable String software, @Nullable @Body String body) {
        JsonRequest json = JsonRequest.parse(body).matching(Item.class);
        Optional<String> name = json.string("software").map(SoftwareCatalog::checkName);
        List<SoftwareCatalog.NewVersion> versions = versions(json);
        return database.inTransaction(SoftwareCatalog::new, catalog -> {
            Optional<Long> existing = catalog.lookup(software);
            long id;
            if (existing.isPresent()) {
                id = existing.get();
                if (name.isPresent()) {
                    catalog.rename(id, name.get());
                }
            } else {
                name.filter(other -> !other.equals(software)).ifPresent(other -> {
                    throw ApiException.badRequest("a new software item takes the name in the path ('" + software
                            + "'), not '" + other + "'");
                });
                id = catalog.create(software);
            }
            for (SoftwareCatalog.NewVersion version : versions) {
                if (catalog.version(id, version.version()).isEmpty()) {
                    catalog.addVersion(id, version);
                }
            }
            return HttpResponse.<Software>status(existing.isPresent() ? HttpStatus.OK : HttpStatus.CREATED)
                    .body(catalog.document(id));
        });
    }

    /** 204 also when the item did not exist; 409 while jobs or job types require it. */
    @Delete("/{software}")
    public HttpResponse<Void> delete(@PathVariable String software) {
        database.inTransaction(SoftwareCatalog::new, catalog -> catalog.deleteIfExists(software));
        return HttpResponse.noContent();
    }

    @Get("/{software}/versions/")
    public HttpResponse<List<Software.Version>> versions(@PathVariable String software, @RequestBean ListParameters list) {
        PageRequest page = list.page(SoftwareCatalog.VERSION_ORDER);
        return database.inTransaction(SoftwareCatalog::new, catalog -> catalog.versions(catalog.find(software), page))
                .response(list);
    }

    /** Adds a version; without a rank it ranks above every known version (the newest). */
    @Post("/{software}/versions/")
    @Consumes(MediaType.APPLICATION_JSON)
    @Status(HttpStatus.CREATED)
    @RequestBody(content = @Content(schema = @Schema(implementation = SoftwareCatalog.NewVersion.class)))
    public SoftwareVersion addVersion(@PathVariable String software, @Nullable @Body String body) {
        SoftwareCatalog.NewVersion version = SoftwareCatalog.NewVersion.read(JsonRequest.parse(body));
        return database.inTransaction(SoftwareCatalog::new, catalog -> catalog.addVersion(catalog.find(software), version));
    }

    @Get("/{software}/versions/{version}")
    public SoftwareVersion version(@PathVariable String software, @PathVariable String version) {
        return database.inTransaction(SoftwareCatalog::new, catalog -> {
            long id = catalog.find(software);
            return catalog.version(id, version).orElseThrow(() -> SoftwareCatalog.noVersion(id, version));
        });
    }

    @Delete("/{software}/versions/{version}")
    public HttpResponse<Void> deleteVersion(@PathVariable String software, @PathVariable String version) {
        database.inTransaction(SoftwareCatalog::new, catalog -> {
            catalog.deleteVersion(catalog.find(software), version);
            return null;
        });
        return HttpResponse.noContent();
    }

    /** The code agents run to discover whether this version is installed. */
    @Get("/{software}/versions/{version}/code")
    @Produces(MediaType.TEXT_PLAIN)
    public String code(@PathVariable String software, @PathVariable String version) {
        return database.inTransaction(SoftwareCatalog::new, catalog -> catalog.discoveryCode(catalog.find(software), version));
    }

    private static List<SoftwareCatalog.NewVersion> versions(JsonRequest json) {
        return json.list("versions").stream()
                .map((JsonNode item) -> SoftwareCatalog.NewVersion.read(
                        JsonRequest.element("versions", item, SoftwareCatalog.NewVersion.class)))
                .toList();
    }
}
