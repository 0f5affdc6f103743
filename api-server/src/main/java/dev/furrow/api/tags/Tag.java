package dev.furrow.api.tags;

import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/** A tag with what it is attached to: the agents and jobs of GET /tags/{tag}. */
@Schema(name = "Tag")
public record Tag(long id, String tag, List<Agent> agents, List<Job> jobs) {

    /** A tag's id and name, as creating one answers it. */
    @Schema(name = "TagName")
    public record Name(long id, String tag) {
    }

    /** A tag as GET /tags/ lists it: the ids of its agents and jobs. */
    @Schema(name = "TagSummary")
    public record Summary(long id, String tag, List<String> agents, List<Long> jobs) {
    }

    /** An agent with the tag. */
    @Schema(name = "TaggedAgent")
    public record Agent(String hostname, String id, String href) {
    }

    /** A job with the tag. */
    @Schema(name = "TaggedJob")
    public record Job(long id, String title, String href) {
    }
}
