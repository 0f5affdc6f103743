-- Furrow scheduler-worker: one row per periodic job that only one worker at a time may run (statistics
-- sampling). A worker takes the row FOR UPDATE SKIP LOCKED and holds it until its sample commits.
CREATE TABLE scheduler_locks (
    name VARCHAR(64) NOT NULL PRIMARY KEY
) ENGINE=InnoDB;

INSERT INTO scheduler_locks (name) VALUES ('stats.agents'), ('stats.tasks'), ('stats.events');
