package dev.furrow.scheduler.dispatch;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * What a dispatch round needs to know of the whole farm to apply failed_in_agents: how many agents are online,
 * and whether any agent failed any task at all (usually not, and then no failure is read). Read once per round,
 * on first use.
 */
final class OnlineAgents {

    private final Connection connection;
    private int count;
    private Boolean anyFailures;

    OnlineAgents(Connection connection) {
        this.connection = connection;
    }

    int count() throws SQLException {
        read();
        return count;
    }

    boolean anyFailures() throws SQLException {
        read();
        return anyFailures;
    }

    private void read() throws SQLException {
        if (anyFailures != null) {
            return;
        }
        try (PreparedStatement s = connection.prepareStatement("""
                SELECT (SELECT COUNT(*) FROM agents WHERE state IN ('online','running')),
                       EXISTS (SELECT 1 FROM failed_tasks_in_agents)""");
             ResultSet rs = s.executeQuery()) {
            rs.next();
            count = rs.getInt(1);
            anyFailures = rs.getBoolean(2);
        }
    }
}
