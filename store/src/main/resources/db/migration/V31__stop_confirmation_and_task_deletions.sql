-- scheduler-worker: stops that wait for the agent's confirmation, and deleted tasks for the statistics
-- (see docs/scheduler.md).

-- When the master last told the agent holding the task to stop it (job paused or deleted, task cancelled). The
-- agent's report that releases or ends the task clears it; housekeeping releases the task if no such report came
-- within furrow.scheduler.stop-confirm-timeout. Mostly NULL, so the index stays small; writing NULL over NULL
-- (every task report does) does not touch it.
ALTER TABLE tasks ADD COLUMN stop_requested_at DATETIME(6) NULL;
CREATE INDEX ix_tasks_stop_requested ON tasks (stop_requested_at);

-- Tasks deleted (a job deleted, a job's frame range shrunk), one row per deletion, until the next
-- task_event_counts sample adds them to num_deleted and removes the rows. `event` names the deletion so that
-- recording it twice (a redelivered job event) counts it once.
CREATE TABLE task_deletions (
    id           BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    event        VARCHAR(100) NOT NULL,
    job_queue_id BIGINT       NULL,
    num_tasks    INT          NOT NULL,
    deleted_at   DATETIME(6)  NOT NULL,
    UNIQUE KEY uq_task_deletions_event (event)
) ENGINE=InnoDB;
