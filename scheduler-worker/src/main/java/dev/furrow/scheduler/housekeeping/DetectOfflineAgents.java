package dev.furrow.scheduler.housekeeping;

import dev.furrow.scheduler.SchedulerConfig;
import dev.furrow.scheduler.sql.Sql;
import dev.furrow.scheduler.sql.Transactor;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Agents silent for longer than {@code agent-offline-timeout} become offline and their tasks go back to the
 * queue. Each agent is handled in its own transaction, re-checked under its row lock so that a heartbeat that
 * arrived meanwhile wins.
 */
@Singleton
public final class DetectOfflineAgents {

    private static final Logger LOG = LoggerFactory.getLogger(DetectOfflineAgents.class);

    private final Transactor transactor;
    private final SchedulerConfig config;

    public DetectOfflineAgents(Transactor transactor, SchedulerConfig config) {
        this.transactor = transactor;
        this.config = config;
    }

    /** Returns the agents that were marked offline. */
    public List<UUID> run(Instant now) {
        Instant silentSince = now.minus(config.agentOfflineTimeout());
        List<UUID> silent = transactor.inTransaction(c -> {
            List<UUID> ids = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT id FROM agents WHERE state IN ('online','running')
                       AND (last_heard_from IS NULL OR last_heard_from < ?)""")) {
                Sql.setInstant(s, 1, silentSince);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        ids.add(UUID.fromString(rs.getString(1)));
                    }
                }
            }
            return ids;
        });
        List<UUID> marked = new ArrayList<>();
        for (UUID agentId : silent) {
            boolean wentOffline = transactor.inTransaction(c -> {
                try (PreparedStatement s = c.prepareStatement("""
                        SELECT id FROM agents WHERE id = ? AND state IN ('online','running')
                           AND (last_heard_from IS NULL OR last_heard_from < ?) FOR UPDATE""")) {
                    s.setString(1, agentId.toString());
                    Sql.setInstant(s, 2, silentSince);
                    try (ResultSet rs = s.executeQuery()) {
                        if (!rs.next()) {
                            return false;
                        }
                    }
                }
                int released = MarkAgentOffline.apply(c, agentId, now);
                LOG.info("agent {} silent since before {}: offline, {} task(s) back in the queue",
                        agentId, silentSince, released);
                return true;
            });
            if (wentOffline) {
                marked.add(agentId);
            }
        }
        return marked;
    }
}
