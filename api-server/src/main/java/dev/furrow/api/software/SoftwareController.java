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

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Software and software versions that jobs and job types can require (PyFarm's software API). */
@Controller("/api/v1/software")
public final class SoftwareController {

    private static final Map<String, String> SCHEMA = Map.of("id", "INTEGER", "software", "VARCHAR(64)");

    private final Database database;

    public SoftwareController(Database database) {
        this.database = database;
    }

    @Get("/")
    public HttpResponse<List<Map<String, Object>>> list(@RequestBean ListParameters list) {
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
    public HttpResponse<Map<String, Object>> create(@Nullable @Body String body) {
        JsonRequest json = JsonRequest.parse(body).allowOnly(Set.of("software", "versions")).require("software");
        String name = SoftwareCatalog.checkName(json.string("software").orElseThrow());
        List<SoftwareCatalog.NewVersion> versions = versions(json);
        Map<String, Object> created = database.inTransaction(SoftwareCatalog::new, catalog -> {
            if (catalog.lookup(name).isPresent()) {
                throw ApiException.conflict("software '" + name + "' exists");
            }
            long id = catalog.create(name);
            for (SoftwareCatalog.NewVersion version : versions) {
                catalog.addVersion(id, version);
            }
            return catalog.document(id);
        });
        return HttpResponse.<Map<String, Object>>status(HttpStatus.CREATED).body(created);
    }

    @Get("/{software}")
    public Map<String, Object> get(@PathVariable String software) {
        return database.inTransaction(SoftwareCatalog::new, catalog -> catalog.document(catalog.find(software)));
    }

    /** Creates the item (201) or adds the listed versions it does not have yet (200). */
    @Put("/{software}")
    @Consumes(MediaType.APPLICATION_JSON)
    public HttpResponse<Map<String, Object>> put(@PathVariable String software, @Nullable @Body String body) {
        JsonRequest json = JsonRequest.parse(body).allowOnly(Set.of("software", "versions"));
        json.string("software").filter(name -> !name.equals(software)).ifPresent(name -> {
            throw ApiException.badRequest("renaming software is not supported: the body names '" + name + "', the path '" + software + "'");
        });
        List<SoftwareCatalog.NewVersion> versions = versions(json);
        return database.inTransaction(SoftwareCatalog::new, catalog -> {
            Optional<Long> existing = catalog.lookup(software);
            long id = existing.isPresent() ? existing.get() : catalog.create(software);
            for (SoftwareCatalog.NewVersion version : versions) {
                if (catalog.version(id, version.version()).isEmpty()) {
                    catalog.addVersion(id, version);
                }
            }
            return HttpResponse.<Map<String, Object>>status(existing.isPresent() ? HttpStatus.OK : HttpStatus.CREATED)
                    .body(catalog.document(id));
        });
    }

    @Delete("/{software}")
    public HttpResponse<Void> delete(@PathVariable String software) {
        database.inTransaction(SoftwareCatalog::new, catalog -> {
            Optional<Long> id = catalog.lookup(software);
            if (id.isPresent()) {
                catalog.delete(id.get());
            }
            return null;
        });
        return HttpResponse.noContent();
    }

    @Get("/{software}/versions/")
    public HttpResponse<List<Map<String, Object>>> versions(@PathVariable String software, @RequestBean ListParameters list) {
        PageRequest page = list.page(SoftwareCatalog.VERSION_ORDER);
        return database.inTransaction(SoftwareCatalog::new, catalog -> catalog.versions(catalog.find(software), page))
                .response(list);
    }

    /** Adds a version; without a rank it ranks above every known version (the newest). */
    @Post("/{software}/versions/")
    @Consumes(MediaType.APPLICATION_JSON)
    public HttpResponse<Map<String, Object>> addVersion(@PathVariable String software, @Nullable @Body String body) {
        SoftwareCatalog.NewVersion version = SoftwareCatalog.NewVersion.read(JsonRequest.parse(body));
        Map<String, Object> created = database.inTransaction(SoftwareCatalog::new, catalog -> catalog.addVersion(catalog.find(software), version));
        return HttpResponse.<Map<String, Object>>status(HttpStatus.CREATED).body(created);
    }

    @Get("/{software}/versions/{version}")
    public Map<String, Object> version(@PathVariable String software, @PathVariable String version) {
        return database.inTransaction(SoftwareCatalog::new, catalog -> {
            Map<String, Object> found = catalog.version(catalog.find(software), version)
                    .orElseThrow(() -> ApiException.notFound("software '" + software + "' has no version '" + version + "'"));
            found.remove("discovery_code");
            return found;
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
        return database.inTransaction(SoftwareCatalog::new, catalog -> {
            Object code = catalog.version(catalog.find(software), version)
                    .orElseThrow(() -> ApiException.notFound("software '" + software + "' has no version '" + version + "'"))
                    .get("discovery_code");
            if (code == null) {
                throw ApiException.notFound("version '" + version + "' of '" + software + "' has no discovery code");
            }
            return code.toString();
        });
    }

    private static List<SoftwareCatalog.NewVersion> versions(JsonRequest json) {
        return json.list("versions").stream()
                .map((JsonNode item) -> SoftwareCatalog.NewVersion.read(
                        JsonRequest.element("versions", item, SoftwareCatalog.VERSION_FIELDS)))
                .toList();
    }
}
