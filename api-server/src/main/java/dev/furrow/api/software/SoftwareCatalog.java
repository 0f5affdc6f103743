package dev.furrow.api.software;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.furrow.api.http.ApiException;
import dev.furrow.api.http.JsonRequest;
import dev.furrow.api.listing.ListQuery;
import dev.furrow.api.listing.Ordering;
import dev.furrow.api.listing.Page;
import dev.furrow.api.listing.PageRequest;
import dev.furrow.api.store.NameOrId;
import dev.furrow.api.store.Sql;
import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import static dev.furrow.api.listing.Ordering.number;
import static dev.furrow.api.listing.Ordering.text;

/** Software items and their ranked versions (the software and software_versions tables). */
final class SoftwareCatalog {

    /** The orders of GET /api/v1/software/; by name. */
    static final Ordering ORDER = Ordering.by("software", text("s.software")).or("id", number("s.id"));
    /** The orders of a software's versions; PyFarm lists them by rank. */
    static final Ordering VERSION_ORDER = Ordering.by("rank", number("v.`rank`"), number("v.id"))
            .or("version", text("v.version"));

    private static final NameOrId NAMES = new NameOrId("software", "software", "software");

    private final Sql sql;

    SoftwareCatalog(Sql sql) {
        this.sql = sql;
    }

    /**
     * A new version as a request describes it; rank null means "newest": above every known rank.
     *
     * @param version       1-64 characters
     * @param rank          higher is newer; default: above every known version
     * @param discoveryCode code agents run to find out whether it is installed
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(name = "SoftwareVersionRequest")
    record NewVersion(String version, @Nullable Integer rank, @Nullable String discoveryCode,
                      @Nullable String discoveryFunctionName) {

        static NewVersion read(JsonRequest body) {
            body.matching(NewVersion.class);
            String version = body.string("version").orElseThrow();
            if (version.isBlank() || version.length() > 64) {
                throw ApiException.badRequest("a version has 1 to 64 characters: '" + version + "'");
            }
            String function = body.string("discovery_function_name").orElse(null);
            if (function != null && function.length() > 255) {
                throw ApiException.badRequest("discovery_function_name is longer than 255 characters");
            }
            return new NewVersion(version, body.integer("rank").orElse(null), body.string("discovery_code").orElse(null), function);
        }
    }

    static String checkName(String name) {
        if (name.isBlank() || name.length() > 64 || name.matches("[0-9]+") || name.equals("schema")) {
            throw ApiException.badRequest("a software name has 1 to 64 characters and is neither a number nor 'schema': '" + name + "'");
        }
        return name;
    }

    Optional<Long> lookup(String nameOrId) throws SQLException {
        return NAMES.lookup(sql, nameOrId);
    }

    long find(String nameOrId) throws SQLException {
        return NAMES.find(sql, nameOrId);
    }

    long create(String name) throws SQLException {
        return sql.insert("INSERT INTO software (software) VALUES (?)", checkName(name));
    }

    /** 409 when another item has the name. */
    void rename(long softwareId, String name) throws SQLException {
        Optional<Long> holder = lookup(name);
        if (holder.isPresent() && holder.get() != softwareId) {
            throw ApiException.conflict("software '" + name + "' exists");
        }
        sql.update("UPDATE software SET software = ? WHERE id = ?", name, softwareId);
    }

    SoftwareVersion addVersion(long softwareId, NewVersion version) throws SQLException {
        if (sql.one("SELECT id FROM software_versions WHERE software_id = ? AND version = ?", row -> row.getLong(1),
                softwareId, version.version()).isPresent()) {
            throw ApiException.conflict("version '" + version.version() + "' of software " + softwareId + " exists");
        }
        int rank = version.rank() != null ? version.rank()
                : sql.one("SELECT COALESCE(MAX(`rank`), 0) + 100 FROM software_versions WHERE software_id = ?",
                        row -> row.getInt(1), softwareId).orElseThrow();
        sql.insert("""
                INSERT INTO software_versions (software_id, version, `rank`, discovery_code, discovery_function_name)
                VALUES (?, ?, ?, ?, ?)""", softwareId, version.version(), rank, version.discoveryCode(), version.discoveryFunctionName());
        return version(softwareId, version.version()).orElseThrow();
    }

    Page<Software> list(PageRequest page) throws SQLException {
        return ListQuery.select("s.id", "software s").page(sql, page, row -> row.getLong("id")).map(this::document);
    }

    Software document(long softwareId) throws SQLException {
        List<Software.Version> versions = versions(softwareId, PageRequest.all(VERSION_ORDER)).items();
        return sql.one("SELECT id, software FROM software WHERE id = ?",
                row -> new Software(row.getLong("id"), row.getString("software"), versions), softwareId).orElseThrow();
    }

    Page<Software.Version> versions(long softwareId, PageRequest page) throws SQLException {
        return ListQuery.select("v.id, v.version, v.`rank`", "software_versions v").where("v.software_id = ?", softwareId)
                .page(sql, page, row -> new Software.Version(row.getString("version"), row.getLong("id"), row.getInt("rank")));
    }

    Optional<SoftwareVersion> version(long softwareId, String version) throws SQLException {
        return sql.one("SELECT * FROM software_versions WHERE software_id = ? AND version = ?",
                row -> new SoftwareVersion(row.getString("version"), row.getLong("id"), row.getInt("rank"),
                        row.getString("discovery_function_name")), softwareId, version);
    }

    /** The version's discovery code; 404 when the version does not exist or has none. */
    String discoveryCode(long softwareId, String version) throws SQLException {
        Optional<String> code = sql.one("SELECT discovery_code FROM software_versions WHERE software_id = ? AND version = ?",
                        row -> Optional.ofNullable(row.getString(1)), softwareId, version)
                .orElseThrow(() -> noVersion(softwareId, version));
        return code.orElseThrow(() -> ApiException.notFound("version '" + version + "' of software " + softwareId
                + " has no discovery code"));
    }

    static ApiException noVersion(long softwareId, String version) {
        return ApiException.notFound("software " + softwareId + " has no version '" + version + "'");
    }

    /** Deletes the item a path names, if any. */
    boolean deleteIfExists(String nameOrId) throws SQLException {
        return NAMES.ifFound(sql, nameOrId, this::delete);
    }

    void delete(long softwareId) throws SQLException {
        long uses = sql.one("""
                SELECT (SELECT COUNT(*) FROM job_software_requirements WHERE software_id = ?)
                     + (SELECT COUNT(*) FROM jobtype_software_requirements WHERE software_id = ?)""",
                row -> row.getLong(1), softwareId, softwareId).orElse(0L);
        if (uses > 0) {
            throw ApiException.conflict("software " + softwareId + " is required by " + uses + " job(s) or jobtype version(s)");
        }
        sql.update("DELETE FROM software WHERE id = ?", softwareId);
    }

    void deleteVersion(long softwareId, String version) throws SQLException {
        Optional<Long> versionId = sql.one("SELECT id FROM software_versions WHERE software_id = ? AND version = ?",
                row -> row.getLong(1), softwareId, version);
        if (versionId.isEmpty()) {
            return;
        }
        long id = versionId.get();
        long uses = sql.one("""
                SELECT (SELECT COUNT(*) FROM job_software_requirements WHERE min_version_id = ? OR max_version_id = ?)
                     + (SELECT COUNT(*) FROM jobtype_software_requirements WHERE min_version_id = ? OR max_version_id = ?)""",
                row -> row.getLong(1), id, id, id, id).orElse(0L);
        if (uses > 0) {
            throw ApiException.conflict("version '" + version + "' is a bound of " + uses + " software requirement(s)");
        }
        sql.update("DELETE FROM software_versions WHERE id = ?", id);
    }
}
