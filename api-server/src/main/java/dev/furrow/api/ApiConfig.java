package dev.furrow.api;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * The api-server's whole configuration (keys under {@code furrow.} in application.yml, each backed by a
 * FURROW_* environment variable). The datasource and the HTTP port are wired from these values.
 *
 * @param allowAgentsFromLoopback PyFarm's allow_agents_from_loopback; Furrow defaults it to true because a local
 *                                farm runs every agent on 127.0.0.1
 * @param farmName                when set, agents registering over REST with another farm_name are refused
 * @param agentUpdatesDir         where PUT /api/v1/agents/updates/{version} stores agent update zips (PyFarm's
 *                                agent_updates_dir)
 */
@ConfigurationProperties("furrow")
public record ApiConfig(
        String dbUrl,
        String dbUser,
        @Nullable String dbPassword,
        String amqpUrl,
        String amqpNamespace,
        String tasklogsDir,
        int apiPort,
        boolean allowAgentsFromLoopback,
        @Nullable String farmName,
        String agentUpdatesDir) {
}
