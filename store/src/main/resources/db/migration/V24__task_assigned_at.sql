-- Scheduler-worker: when the current attempt was handed to its agent. Heartbeat reconciliation leaves a task the
-- agent does not list alone while its assignment may still be on its way (assigned within the grace period).
ALTER TABLE tasks ADD COLUMN assigned_at DATETIME(6) NULL;
