package dev.furrow.api.agents;

import dev.furrow.api.http.ApiException;

import java.util.UUID;

/** Agent ids are UUIDs chosen by the agent; anything else in a request is refused with 400. */
public final class AgentId {

    private AgentId() {
    }

    /** The canonical (lower-case, hyphenated) form of an agent id. */
    public static String parse(String text) {
        try {
            UUID id = UUID.fromString(text);
            if (!id.toString().equalsIgnoreCase(text)) {
                throw new IllegalArgumentException("not canonical");
            }
            return id.toString();
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("agent ids are UUIDs like 6a0c11df-660f-4c1e-9fb4-5fe2b8cd2437, not '" + text + "'");
        }
    }
}
