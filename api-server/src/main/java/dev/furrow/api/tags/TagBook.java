package dev.furrow.api.tags;

import dev.furrow.api.agents.AgentFinder;
import dev.furrow.api.http.ApiException;
import dev.furrow.api.listing.ListQuery;
import dev.furrow.api.listing.Ordering;
import dev.furrow.api.listing.Page;
import dev.furrow.api.listing.PageRequest;
import dev.furrow.api.store.Sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import static dev.furrow.api.listing.Ordering.number;
import static dev.furrow.api.listing.Ordering.text;

/** Tags and what they are attached to: agents (agent_tag_associations) and jobs (job_tag_associations). */
final class TagBook {

    /** The orders of GET /api/v1/tags/; by name. */
    static final Ordering ORDER = Ordering.by("tag", text("g.tag")).or("id", number("g.id"));
    /** The orders of a tag's agents; by hostname. */
    static final Ordering AGENT_ORDER = Ordering.by("hostname", text("a.hostname"), text("a.id")).or("id", text("a.id"));

    private final Sql sql;

    TagBook(Sql sql) {
        this.sql = sql;
    }

    /** By id when the segment is a number naming a tag id, else by name. */
    Optional<Long> lookup(String tagOrId) throws SQLException {
        if (tagOrId.matches("[0-9]{1,18}")) {
            Optional<Long> byId = sql.one("SELECT id FROM tags WHERE id = ?", row -> row.getLong(1), Long.parseLong(tagOrId));
            if (byId.isPresent()) {
                return byId;
            }
        }
        return named(tagOrId);
    }

    /** By name only: a tag named "12" is created under that name, not taken for tag id 12. */
    Optional<Long> named(String tag) throws SQLException {
        return sql.one("SELECT id FROM tags WHERE tag = ?", row -> row.getLong(1), tag);
    }

    long find(String tagOrId) throws SQLException {
        return lookup(tagOrId).orElseThrow(() -> ApiException.notFound("tag '" + tagOrId + "' not found"));
    }

    long create(String tag) throws SQLException {
        return sql.insert("INSERT INTO tags (tag) VALUES (?)", tag);
    }

    Tag.Name name(long id) throws SQLException {
        return sql.one("SELECT id, tag FROM tags WHERE id = ?", row -> new Tag.Name(row.getLong("id"), row.getString("tag")), id)
                .orElseThrow();
    }

    /** The list form: agent and job ids per tag. */
    Page<Tag.Summary> list(PageRequest page) throws SQLException {
        return ListQuery.select("g.id, g.tag", "tags g").page(sql, page, row -> new Tag.Name(row.getLong("id"), row.getString("tag")))
                .map(tag -> new Tag.Summary(tag.id(), tag.tag(),
                        sql.list("SELECT agent_id FROM agent_tag_associations WHERE tag_id = ? ORDER BY agent_id", row -> row.getString(1), tag.id()),
                        sql.list("SELECT job_id FROM job_tag_associations WHERE tag_id = ? ORDER BY job_id", row -> row.getLong(1), tag.id())));
    }

    Tag document(long id) throws SQLException {
        Tag.Name name = name(id);
        List<Tag.Job> jobs = sql.list("""
                SELECT j.id, j.title FROM job_tag_associations a JOIN jobs j ON j.id = a.job_id
                WHERE a.tag_id = ? ORDER BY j.id""",
                row -> new Tag.Job(row.getLong("id"), row.getString("title"), "/api/v1/jobs/" + row.getLong("id")), id);
        return new Tag(name.id(), name.tag(), agents(id, PageRequest.all(AGENT_ORDER)).items(), jobs);
    }

    Page<Tag.Agent> agents(long id, PageRequest page) throws SQLException {
        return ListQuery.select("a.id, a.hostname", "agent_tag_associations t JOIN agents a ON a.id = t.agent_id")
                .where("t.tag_id = ?", id).page(sql, page, TagBook::agent);
    }

    Tag.Agent agent(String agentId) throws SQLException {
        return sql.one("SELECT id, hostname FROM agents WHERE id = ?", TagBook::agent, agentId)
                .orElseThrow(() -> ApiException.notFound("agent " + agentId + " not found"));
    }

    private static Tag.Agent agent(ResultSet row) throws SQLException {
        return new Tag.Agent(row.getString("hostname"), row.getString("id"), "/api/v1/agents/" + row.getString("id"));
    }

    /** Tags an agent; false when it already had the tag. */
    boolean tagAgent(long tagId, String agentId) throws SQLException {
        AgentFinder.require(sql, agentId);
        return sql.update("INSERT IGNORE INTO agent_tag_associations (agent_id, tag_id) VALUES (?, ?)", agentId, tagId) > 0;
    }

    void tagJob(long tagId, long jobId) throws SQLException {
        if (sql.one("SELECT id FROM jobs WHERE id = ?", row -> row.getLong(1), jobId).isEmpty()) {
            throw ApiException.notFound("job " + jobId + " not found");
        }
        sql.update("INSERT IGNORE INTO job_tag_associations (job_id, tag_id) VALUES (?, ?)", jobId, tagId);
    }

    void untagAll(long tagId) throws SQLException {
        sql.update("DELETE FROM agent_tag_associations WHERE tag_id = ?", tagId);
        sql.update("DELETE FROM job_tag_associations WHERE tag_id = ?", tagId);
    }

    /** Deletes the tag a path names, if any. */
    boolean deleteIfExists(String tagOrId) throws SQLException {
        Optional<Long> id = lookup(tagOrId);
        if (id.isPresent()) {
            sql.update("DELETE FROM tags WHERE id = ?", id.get());
        }
        return id.isPresent();
    }
}
