-- scheduler-worker: indexes of its hot queries (see docs/scheduler.md).
-- Claim: WHERE job_id = ? AND state = 'queued' AND agent_id IS NULL ORDER BY frame, tile LIMIT n FOR UPDATE SKIP LOCKED
-- reads exactly the unassigned queued tasks in frame order, never scanning past tasks already handed out.
CREATE INDEX ix_tasks_claim ON tasks (job_id, state, agent_id, frame, tile);
-- Undoing an unsent or rejected assignment.
CREATE INDEX ix_tasks_assignment ON tasks (assignment_id);
-- Offline detection: WHERE state IN ('online','running') AND last_heard_from < ?
CREATE INDEX ix_agents_state_heard ON agents (state, last_heard_from);
