package dev.furrow.scheduler.tasks;

import dev.furrow.scheduler.sql.Sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;

/**
 * Takes the row locks of jobs, in id order. Every transaction that changes tasks locks in the order
 * agent → job → task, which keeps report handling, dispatch and offline detection from deadlocking each other.
 */
public final class LockJobs {

    private LockJobs() {
    }

    public static void lock(Connection c, Collection<Long> jobIds) throws SQLException {
        if (jobIds.isEmpty()) {
            return;
        }
        List<Long> sorted = jobIds.stream().distinct().sorted().toList();
        String sql = "SELECT id FROM jobs WHERE id IN (" + Sql.placeholders(sorted.size()) + ") ORDER BY id FOR UPDATE";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            Sql.bindLongs(s, 1, sorted);
            s.executeQuery().close();
        }
    }

    /**
     * Locks the jobs of the given tasks, in id order, in one statement. The tasks are only read (a locking read
     * does not lock the rows of its subquery), so the order stays job → task.
     */
    public static void ofTasks(Connection c, Collection<Long> taskIds) throws SQLException {
        if (taskIds.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("SELECT id FROM jobs WHERE id IN (SELECT job_id FROM tasks WHERE id IN ("
                + Sql.placeholders(taskIds.size()) + ")) ORDER BY id FOR UPDATE")) {
            Sql.bindLongs(s, 1, taskIds);
            s.executeQuery().close();
        }
    }
}
