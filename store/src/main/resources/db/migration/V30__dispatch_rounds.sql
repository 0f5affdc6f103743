-- scheduler-worker: dispatch rounds and out-of-order task log chunks (see docs/scheduler.md).

-- A log chunk that arrives before the one it continues (redelivered, or taken by another worker first) waits
-- here and is appended as soon as the log reaches its first line.
CREATE TABLE task_log_pending_chunks (
    task_log_id BIGINT   NOT NULL,
    first_line  BIGINT   NOT NULL,
    num_lines   BIGINT   NOT NULL,
    csv         LONGTEXT NOT NULL,
    last        BOOLEAN  NOT NULL,
    PRIMARY KEY (task_log_id, first_line),
    CONSTRAINT fk_tlpc_log FOREIGN KEY (task_log_id) REFERENCES task_logs (id) ON DELETE CASCADE
) ENGINE=InnoDB;

-- A work request that found its agent still busy (its last report was applied by another worker, later): the
-- report that frees the agent sees the flag and serves the agent then.
ALTER TABLE agents ADD COLUMN wants_work BOOLEAN NOT NULL DEFAULT FALSE;

-- Claims are undone by agent and assignment (ix_tasks_agent_state); an index on assignment_id alone only cost
-- an index update on every claim and release.
DROP INDEX ix_tasks_assignment ON tasks;
