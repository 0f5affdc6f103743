package dev.furrow.api.pathmaps;

import dev.furrow.api.agents.AgentId;
import dev.furrow.api.listing.ListQuery;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.media.Schema;

/** PyFarm's {@code for_agent} filter of GET /api/v1/pathmaps/, and Furrow's {@code tag}. */
@Introspected
record PathMapFilter(
        @Nullable @QueryValue("for_agent")
        @Schema(description = "only path maps that apply to this agent: without a tag, or with one of the agent's tags")
        String forAgent,
        @Nullable @QueryValue @Schema(description = "only path maps restricted to this tag") String tag) {

    /** Expects the path map as {@code p} and its tag as {@code t}. */
    void narrow(ListQuery query) {
        if (forAgent != null) {
            query.where("(p.tag_id IS NULL OR p.tag_id IN (SELECT tag_id FROM agent_tag_associations WHERE agent_id = ?))",
                    AgentId.parse(forAgent));
        }
        if (tag != null) {
            query.where("t.tag = ?", tag);
        }
    }
}
