package dev.furrow.api.agentupdates;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What PUT /agents/updates/{version} stored.
 *
 * @param size bytes
 */
@Schema(name = "AgentUpdate")
public record StoredUpdate(String version, long size) {
}
