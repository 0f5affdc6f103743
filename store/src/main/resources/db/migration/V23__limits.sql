-- Limits (what Deadline, RoyalRender and Tractor call limits, OpenCue licences): named counters with a capacity.
-- A job, or the job type version it runs, declares how much of a limit each of its assigned tasks holds; a task
-- holds it from the claim that hands it to an agent until it finishes or is released.
CREATE TABLE limits (
    id          BIGINT      NOT NULL AUTO_INCREMENT PRIMARY KEY,
    name        VARCHAR(64) NOT NULL,
    capacity    INT         NOT NULL,
    description TEXT        NULL,
    UNIQUE KEY uq_limits_name (name)
) ENGINE=InnoDB;

CREATE TABLE job_limits (
    job_id   BIGINT NOT NULL,
    limit_id BIGINT NOT NULL,
    amount   INT    NOT NULL DEFAULT 1,
    PRIMARY KEY (job_id, limit_id),
    KEY ix_job_limits_limit (limit_id),
    CONSTRAINT fk_job_limits_job FOREIGN KEY (job_id) REFERENCES jobs (id) ON DELETE CASCADE,
    CONSTRAINT fk_job_limits_limit FOREIGN KEY (limit_id) REFERENCES limits (id) ON DELETE CASCADE
) ENGINE=InnoDB;

CREATE TABLE jobtype_limits (
    jobtype_version_id BIGINT NOT NULL,
    limit_id           BIGINT NOT NULL,
    amount             INT    NOT NULL DEFAULT 1,
    PRIMARY KEY (jobtype_version_id, limit_id),
    KEY ix_jobtype_limits_limit (limit_id),
    CONSTRAINT fk_jobtype_limits_version FOREIGN KEY (jobtype_version_id) REFERENCES jobtype_versions (id) ON DELETE CASCADE,
    CONSTRAINT fk_jobtype_limits_limit FOREIGN KEY (limit_id) REFERENCES limits (id) ON DELETE CASCADE
) ENGINE=InnoDB;
