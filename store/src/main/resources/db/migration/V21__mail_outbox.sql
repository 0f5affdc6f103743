-- Furrow scheduler-worker: e-mail notifications. A mail is decided (and jobs.completion_notify_sent set) in the
-- transaction that sees the job finish or be deleted; the rendered mail waits here until it has been handed to
-- the SMTP server, so a worker restart between the decision and the send loses nothing.
CREATE TABLE mail_outbox (
    id         BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    job_id     BIGINT       NULL,
    event      ENUM('success','failure','deletion') NOT NULL,
    recipient  VARCHAR(255) NOT NULL,
    subject    TEXT         NOT NULL,
    body       MEDIUMTEXT   NOT NULL,
    created_at DATETIME(6)  NOT NULL,
    attempts   INT          NOT NULL DEFAULT 0,
    last_error TEXT         NULL
) ENGINE=InnoDB;

-- Finished jobs still owing their notification decision: a probe after each finishing report.
CREATE INDEX ix_jobs_notify ON jobs (completion_notify_sent, state);
