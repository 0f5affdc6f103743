package dev.furrow.api.agents;

import dev.furrow.api.http.QueryParameter;
import dev.furrow.api.http.StateNames;
import dev.furrow.api.listing.ListQuery;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.media.Schema;

/** PyFarm's filters of GET /api/v1/agents/, and Furrow's {@code state}. */
@Introspected
record AgentFilter(
        @Nullable @QueryValue("min_ram") @Schema(description = "only agents with at least this much ram (MB)") String minRam,
        @Nullable @QueryValue("max_ram") @Schema(description = "only agents with at most this much ram (MB)") String maxRam,
        @Nullable @QueryValue("min_cpus") @Schema(description = "only agents with at least this many cpus") String minCpus,
        @Nullable @QueryValue("max_cpus") @Schema(description = "only agents with at most this many cpus") String maxCpus,
        @Nullable @QueryValue @Schema(description = "only agents with this hostname") String hostname,
        @Nullable @QueryValue("remote_ip") @Schema(description = "only agents with this remote_ip") String remoteIp,
        @Nullable @QueryValue @Schema(description = "only agents on this port") String port,
        @Nullable @QueryValue @Schema(description = "only agents in this state (Furrow): online, running, disabled, offline")
        String state) {

    /** Expects the agent as {@code a}. */
    void narrow(ListQuery query) {
        atLeast(query, "a.ram", "min_ram", minRam);
        atMost(query, "a.ram", "max_ram", maxRam);
        atLeast(query, "a.cpus", "min_cpus", minCpus);
        atMost(query, "a.cpus", "max_cpus", maxCpus);
        if (hostname != null) {
            query.where("a.hostname = ?", hostname);
        }
        if (remoteIp != null) {
            query.where("a.remote_ip = ?", remoteIp);
        }
        if (port != null) {
            query.where("a.port = ?", QueryParameter.integer("port", port));
        }
        if (state != null) {
            query.where("a.state = ?", StateNames.agent("state", state));
        }
    }

    private static void atLeast(ListQuery query, String column, String name, String value) {
        if (value != null) {
            query.where(column + " >= ?", QueryParameter.integer(name, value));
        }
    }

    private static void atMost(ListQuery query, String column, String name, String value) {
        if (value != null) {
            query.where(column + " <= ?", QueryParameter.integer(name, value));
        }
    }
}
