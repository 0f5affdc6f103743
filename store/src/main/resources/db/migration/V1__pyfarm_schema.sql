-- Furrow schema: PyFarm 0.8.7's models (table names from models.yml), plus the few columns Furrow needs for
-- idempotent report handling. States are stored by name; all times are UTC.

CREATE TABLE users (
    id            BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    username      VARCHAR(255) NOT NULL,
    password      VARCHAR(255) NULL,
    email         VARCHAR(255) NULL,
    active        BOOLEAN      NOT NULL DEFAULT TRUE,
    expiration    DATETIME(6)  NULL,
    onetime_code  VARCHAR(64)  NULL,
    last_login    DATETIME(6)  NULL,
    UNIQUE KEY uq_users_username (username)
) ENGINE=InnoDB;

CREATE TABLE roles (
    id          BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    name        VARCHAR(128) NOT NULL,
    description TEXT         NULL,
    active      BOOLEAN      NOT NULL DEFAULT TRUE,
    expiration  DATETIME(6)  NULL,
    UNIQUE KEY uq_roles_name (name)
) ENGINE=InnoDB;

CREATE TABLE user_roles (
    user_id BIGINT NOT NULL,
    role_id BIGINT NOT NULL,
    PRIMARY KEY (user_id, role_id),
    CONSTRAINT fk_user_roles_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT fk_user_roles_role FOREIGN KEY (role_id) REFERENCES roles (id) ON DELETE CASCADE
) ENGINE=InnoDB;

CREATE TABLE job_queues (
    id                 BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    parent_jobqueue_id BIGINT        NULL,
    name               VARCHAR(255)  NOT NULL,
    priority           INT           NOT NULL DEFAULT 0,
    weight             INT           NOT NULL DEFAULT 10,
    minimum_agents     INT           NULL,
    maximum_agents     INT           NULL,
    fullpath           VARCHAR(1024) NULL,
    -- NULL parents are not equal to each other in a unique key; this column makes top-level names unique too.
    parent_key         BIGINT AS (IFNULL(parent_jobqueue_id, 0)) PERSISTENT,
    UNIQUE KEY uq_job_queues_parent_name (parent_key, name),
    CONSTRAINT fk_job_queues_parent FOREIGN KEY (parent_jobqueue_id) REFERENCES job_queues (id)
) ENGINE=InnoDB;

CREATE TABLE jobtypes (
    id              BIGINT      NOT NULL AUTO_INCREMENT PRIMARY KEY,
    name            VARCHAR(64) NOT NULL,
    description     TEXT        NULL,
    success_subject TEXT        NULL,
    success_body    TEXT        NULL,
    fail_subject    TEXT        NULL,
    fail_body       TEXT        NULL,
    UNIQUE KEY uq_jobtypes_name (name)
) ENGINE=InnoDB;

CREATE TABLE jobtype_versions (
    id                      BIGINT      NOT NULL AUTO_INCREMENT PRIMARY KEY,
    jobtype_id              BIGINT      NOT NULL,
    version                 INT         NOT NULL,
    -- 'builtin' (the agent's own implementation of the job type's name), 'command' (code is a JSON command
    -- definition) or 'script' (code is a JavaScript file with hooks); see docs/agent.md.
    classname               VARCHAR(64) NULL,
    code                    MEDIUMTEXT  NOT NULL,
    max_batch               INT         NULL DEFAULT 1,
    batch_contiguous        BOOLEAN     NOT NULL DEFAULT TRUE,
    no_automatic_start_time BOOLEAN     NOT NULL DEFAULT FALSE,
    supports_tiling         BOOLEAN     NOT NULL DEFAULT FALSE,
    UNIQUE KEY uq_jobtype_versions (jobtype_id, version),
    CONSTRAINT fk_jobtype_versions_jobtype FOREIGN KEY (jobtype_id) REFERENCES jobtypes (id) ON DELETE CASCADE
) ENGINE=InnoDB;

CREATE TABLE job_groups (
    id              BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    title           VARCHAR(255) NOT NULL,
    main_jobtype_id BIGINT       NOT NULL,
    user_id         BIGINT       NULL,
    CONSTRAINT fk_job_groups_jobtype FOREIGN KEY (main_jobtype_id) REFERENCES jobtypes (id),
    CONSTRAINT fk_job_groups_user FOREIGN KEY (user_id) REFERENCES users (id)
) ENGINE=InnoDB;

CREATE TABLE software (
    id       BIGINT      NOT NULL AUTO_INCREMENT PRIMARY KEY,
    software VARCHAR(64) NOT NULL,
    UNIQUE KEY uq_software_name (software)
) ENGINE=InnoDB;

CREATE TABLE software_versions (
    id                      BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    software_id             BIGINT       NOT NULL,
    version                 VARCHAR(64)  NOT NULL,
    `rank`                  INT          NOT NULL,
    discovery_code          MEDIUMTEXT   NULL,
    discovery_function_name VARCHAR(255) NULL,
    UNIQUE KEY uq_software_versions (software_id, version),
    CONSTRAINT fk_software_versions_software FOREIGN KEY (software_id) REFERENCES software (id) ON DELETE CASCADE
) ENGINE=InnoDB;

CREATE TABLE jobtype_software_requirements (
    jobtype_version_id BIGINT NOT NULL,
    software_id        BIGINT NOT NULL,
    min_version_id     BIGINT NULL,
    max_version_id     BIGINT NULL,
    PRIMARY KEY (jobtype_version_id, software_id),
    CONSTRAINT fk_jtsr_version FOREIGN KEY (jobtype_version_id) REFERENCES jobtype_versions (id) ON DELETE CASCADE,
    CONSTRAINT fk_jtsr_software FOREIGN KEY (software_id) REFERENCES software (id),
    CONSTRAINT fk_jtsr_min FOREIGN KEY (min_version_id) REFERENCES software_versions (id),
    CONSTRAINT fk_jtsr_max FOREIGN KEY (max_version_id) REFERENCES software_versions (id)
) ENGINE=InnoDB;

CREATE TABLE tags (
    id  BIGINT      NOT NULL AUTO_INCREMENT PRIMARY KEY,
    tag VARCHAR(64) NOT NULL,
    UNIQUE KEY uq_tags_tag (tag)
) ENGINE=InnoDB;

CREATE TABLE agents (
    id                CHAR(36) CHARACTER SET ascii NOT NULL PRIMARY KEY,
    hostname          VARCHAR(255) NOT NULL,
    farm_name         VARCHAR(255) NULL,
    version           VARCHAR(32)  NULL,
    upgrade_to        VARCHAR(32)  NULL,
    os_class          VARCHAR(16)  NULL,
    os_fullname       VARCHAR(128) NULL,
    ram               INT          NOT NULL,
    free_ram          INT          NOT NULL,
    cpus              INT          NOT NULL,
    cpu_name          VARCHAR(128) NULL,
    port              INT          NOT NULL,
    time_offset       INT          NOT NULL DEFAULT 0,
    cpu_allocation    DOUBLE       NOT NULL DEFAULT 1.0,
    ram_allocation    DOUBLE       NOT NULL DEFAULT 0.8,
    state             ENUM('online','running','disabled','offline') NOT NULL DEFAULT 'online',
    use_address       ENUM('remote','hostname','passive') NOT NULL DEFAULT 'remote',
    remote_ip         VARCHAR(45)  NULL,
    restart_requested BOOLEAN      NOT NULL DEFAULT FALSE,
    last_heard_from   DATETIME(6)  NULL,
    last_success_on   DATETIME(6)  NULL,
    last_polled       DATETIME(6)  NULL,
    notes             TEXT         NULL,
    KEY ix_agents_state (state),
    KEY ix_agents_hostname (hostname)
) ENGINE=InnoDB;

CREATE TABLE agent_tag_associations (
    agent_id CHAR(36) CHARACTER SET ascii NOT NULL,
    tag_id   BIGINT NOT NULL,
    PRIMARY KEY (agent_id, tag_id),
    CONSTRAINT fk_ata_agent FOREIGN KEY (agent_id) REFERENCES agents (id) ON DELETE CASCADE,
    CONSTRAINT fk_ata_tag FOREIGN KEY (tag_id) REFERENCES tags (id) ON DELETE CASCADE
) ENGINE=InnoDB;

CREATE TABLE agent_software_version_associations (
    agent_id            CHAR(36) CHARACTER SET ascii NOT NULL,
    software_version_id BIGINT NOT NULL,
    PRIMARY KEY (agent_id, software_version_id),
    CONSTRAINT fk_asva_agent FOREIGN KEY (agent_id) REFERENCES agents (id) ON DELETE CASCADE,
    CONSTRAINT fk_asva_version FOREIGN KEY (software_version_id) REFERENCES software_versions (id) ON DELETE CASCADE
) ENGINE=InnoDB;

CREATE TABLE agent_mac_addresses (
    agent_id    CHAR(36) CHARACTER SET ascii NOT NULL,
    mac_address CHAR(17) CHARACTER SET ascii NOT NULL,
    PRIMARY KEY (agent_id, mac_address),
    CONSTRAINT fk_amac_agent FOREIGN KEY (agent_id) REFERENCES agents (id) ON DELETE CASCADE
) ENGINE=InnoDB;

CREATE TABLE agent_disks (
    id         BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    agent_id   CHAR(36) CHARACTER SET ascii NOT NULL,
    mountpoint VARCHAR(255) NOT NULL,
    size       BIGINT       NOT NULL,
    free       BIGINT       NOT NULL,
    CONSTRAINT fk_agent_disks_agent FOREIGN KEY (agent_id) REFERENCES agents (id) ON DELETE CASCADE
) ENGINE=InnoDB;

CREATE TABLE gpus (
    id       BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    fullname VARCHAR(128) NOT NULL,
    UNIQUE KEY uq_gpus_fullname (fullname)
) ENGINE=InnoDB;

CREATE TABLE gpu_agent_associations (
    gpu_id   BIGINT NOT NULL,
    agent_id CHAR(36) CHARACTER SET ascii NOT NULL,
    PRIMARY KEY (gpu_id, agent_id),
    CONSTRAINT fk_gaa_gpu FOREIGN KEY (gpu_id) REFERENCES gpus (id) ON DELETE CASCADE,
    CONSTRAINT fk_gaa_agent FOREIGN KEY (agent_id) REFERENCES agents (id) ON DELETE CASCADE
) ENGINE=InnoDB;

CREATE TABLE jobs (
    id                     BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    jobtype_version_id     BIGINT        NOT NULL,
    job_queue_id           BIGINT        NULL,
    job_group_id           BIGINT        NULL,
    user_id                BIGINT        NULL,
    title                  VARCHAR(255)  NOT NULL,
    state                  ENUM('queued','running','paused','failed','done') NOT NULL DEFAULT 'queued',
    priority               INT           NOT NULL DEFAULT 0,
    weight                 INT           NOT NULL DEFAULT 10,
    minimum_agents         INT           NULL,
    maximum_agents         INT           NULL,
    frame_start            DECIMAL(10,4) NOT NULL,
    frame_end              DECIMAL(10,4) NOT NULL,
    frame_by               DECIMAL(10,4) NOT NULL DEFAULT 1,
    batch                  INT           NOT NULL DEFAULT 1,
    requeue                INT           NOT NULL DEFAULT 3,
    cpus                   INT           NOT NULL DEFAULT 1,
    ram                    INT           NOT NULL DEFAULT 32,
    ram_warning            INT           NULL,
    ram_max                INT           NULL,
    num_tiles              INT           NULL,
    hidden                 BOOLEAN       NOT NULL DEFAULT FALSE,
    to_be_deleted          BOOLEAN       NOT NULL DEFAULT FALSE,
    autodelete_time        INT           NULL,
    completion_notify_sent BOOLEAN       NOT NULL DEFAULT FALSE,
    data                   LONGTEXT      NULL,
    environ                LONGTEXT      NULL,
    notes                  TEXT          NULL,
    output_link            VARCHAR(1024) NULL,
    time_submitted         DATETIME(6)   NOT NULL,
    time_started           DATETIME(6)   NULL,
    time_finished          DATETIME(6)   NULL,
    KEY ix_jobs_title (title),
    KEY ix_jobs_state (state, to_be_deleted),
    KEY ix_jobs_queue (job_queue_id, state),
    CONSTRAINT fk_jobs_jobtype_version FOREIGN KEY (jobtype_version_id) REFERENCES jobtype_versions (id),
    CONSTRAINT fk_jobs_queue FOREIGN KEY (job_queue_id) REFERENCES job_queues (id),
    CONSTRAINT fk_jobs_group FOREIGN KEY (job_group_id) REFERENCES job_groups (id) ON DELETE SET NULL,
    CONSTRAINT fk_jobs_user FOREIGN KEY (user_id) REFERENCES users (id)
) ENGINE=InnoDB;

CREATE TABLE job_tag_associations (
    job_id BIGINT NOT NULL,
    tag_id BIGINT NOT NULL,
    PRIMARY KEY (job_id, tag_id),
    CONSTRAINT fk_jta_job FOREIGN KEY (job_id) REFERENCES jobs (id) ON DELETE CASCADE,
    CONSTRAINT fk_jta_tag FOREIGN KEY (tag_id) REFERENCES tags (id) ON DELETE CASCADE
) ENGINE=InnoDB;

CREATE TABLE job_tag_requirements (
    id     BIGINT  NOT NULL AUTO_INCREMENT PRIMARY KEY,
    job_id BIGINT  NOT NULL,
    tag_id BIGINT  NOT NULL,
    negate BOOLEAN NOT NULL DEFAULT FALSE,
    UNIQUE KEY uq_job_tag_requirements (job_id, tag_id),
    CONSTRAINT fk_jtr_job FOREIGN KEY (job_id) REFERENCES jobs (id) ON DELETE CASCADE,
    CONSTRAINT fk_jtr_tag FOREIGN KEY (tag_id) REFERENCES tags (id) ON DELETE CASCADE
) ENGINE=InnoDB;

CREATE TABLE job_dependencies (
    parentid BIGINT NOT NULL,
    childid  BIGINT NOT NULL,
    PRIMARY KEY (parentid, childid),
    KEY ix_job_dependencies_child (childid),
    CONSTRAINT fk_jd_parent FOREIGN KEY (parentid) REFERENCES jobs (id) ON DELETE CASCADE,
    CONSTRAINT fk_jd_child FOREIGN KEY (childid) REFERENCES jobs (id) ON DELETE CASCADE
) ENGINE=InnoDB;

CREATE TABLE job_software_requirements (
    job_id         BIGINT NOT NULL,
    software_id    BIGINT NOT NULL,
    min_version_id BIGINT NULL,
    max_version_id BIGINT NULL,
    PRIMARY KEY (job_id, software_id),
    CONSTRAINT fk_jsr_job FOREIGN KEY (job_id) REFERENCES jobs (id) ON DELETE CASCADE,
    CONSTRAINT fk_jsr_software FOREIGN KEY (software_id) REFERENCES software (id),
    CONSTRAINT fk_jsr_min FOREIGN KEY (min_version_id) REFERENCES software_versions (id),
    CONSTRAINT fk_jsr_max FOREIGN KEY (max_version_id) REFERENCES software_versions (id)
) ENGINE=InnoDB;

CREATE TABLE notified_users (
    user_id     BIGINT  NOT NULL,
    job_id      BIGINT  NOT NULL,
    on_success  BOOLEAN NOT NULL DEFAULT TRUE,
    on_failure  BOOLEAN NOT NULL DEFAULT TRUE,
    on_deletion BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (user_id, job_id),
    CONSTRAINT fk_nu_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT fk_nu_job FOREIGN KEY (job_id) REFERENCES jobs (id) ON DELETE CASCADE
) ENGINE=InnoDB;

CREATE TABLE tasks (
    id              BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    job_id          BIGINT        NOT NULL,
    frame           DECIMAL(10,4) NOT NULL,
    tile            INT           NULL,
    state           ENUM('queued','running','paused','failed','done') NOT NULL DEFAULT 'queued',
    hidden          BOOLEAN       NOT NULL DEFAULT FALSE,
    priority        INT           NOT NULL DEFAULT 0,
    attempts        INT           NOT NULL DEFAULT 0,
    failures        INT           NOT NULL DEFAULT 0,
    progress        FLOAT         NOT NULL DEFAULT 0,
    agent_id        CHAR(36) CHARACTER SET ascii NULL,
    last_error      TEXT          NULL,
    sent_to_agent   BOOLEAN       NOT NULL DEFAULT FALSE,
    -- Furrow: the assignment that carries the current attempt, and the highest report sequence applied to it.
    assignment_id   CHAR(36) CHARACTER SET ascii NULL,
    report_sequence BIGINT        NOT NULL DEFAULT 0,
    last_report_at  DATETIME(6)   NULL,
    time_submitted  DATETIME(6)   NOT NULL,
    time_started    DATETIME(6)   NULL,
    time_finished   DATETIME(6)   NULL,
    UNIQUE KEY uq_tasks_job_frame_tile (job_id, frame, tile),
    KEY ix_tasks_job_state (job_id, state, frame),
    KEY ix_tasks_agent_state (agent_id, state),
    CONSTRAINT fk_tasks_job FOREIGN KEY (job_id) REFERENCES jobs (id) ON DELETE CASCADE,
    CONSTRAINT fk_tasks_agent FOREIGN KEY (agent_id) REFERENCES agents (id) ON DELETE SET NULL
) ENGINE=InnoDB;

CREATE TABLE failed_tasks_in_agents (
    task_id  BIGINT NOT NULL,
    agent_id CHAR(36) CHARACTER SET ascii NOT NULL,
    PRIMARY KEY (task_id, agent_id),
    CONSTRAINT fk_ftia_task FOREIGN KEY (task_id) REFERENCES tasks (id) ON DELETE CASCADE,
    CONSTRAINT fk_ftia_agent FOREIGN KEY (agent_id) REFERENCES agents (id) ON DELETE CASCADE
) ENGINE=InnoDB;

CREATE TABLE task_logs (
    id         BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    identifier VARCHAR(255) NOT NULL,
    agent_id   CHAR(36) CHARACTER SET ascii NULL,
    created_on DATETIME(6)  NOT NULL,
    -- Furrow: how much of the log the store holds, and whether the agent sent its last line.
    num_lines  BIGINT       NOT NULL DEFAULT 0,
    complete   BOOLEAN      NOT NULL DEFAULT FALSE,
    compressed BOOLEAN      NOT NULL DEFAULT FALSE,
    UNIQUE KEY uq_task_logs_identifier (identifier),
    CONSTRAINT fk_task_logs_agent FOREIGN KEY (agent_id) REFERENCES agents (id) ON DELETE SET NULL
) ENGINE=InnoDB;

CREATE TABLE task_log_associations (
    task_log_id BIGINT NOT NULL,
    task_id     BIGINT NOT NULL,
    attempt     INT    NOT NULL,
    state       ENUM('queued','running','paused','failed','done') NULL,
    PRIMARY KEY (task_log_id, task_id, attempt),
    KEY ix_tla_task (task_id, attempt),
    CONSTRAINT fk_tla_log FOREIGN KEY (task_log_id) REFERENCES task_logs (id) ON DELETE CASCADE,
    CONSTRAINT fk_tla_task FOREIGN KEY (task_id) REFERENCES tasks (id) ON DELETE CASCADE
) ENGINE=InnoDB;

CREATE TABLE path_maps (
    id           BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    path_linux   VARCHAR(512) NOT NULL,
    path_windows VARCHAR(512) NOT NULL,
    path_osx     VARCHAR(512) NOT NULL,
    tag_id       BIGINT       NULL,
    CONSTRAINT fk_path_maps_tag FOREIGN KEY (tag_id) REFERENCES tags (id) ON DELETE CASCADE
) ENGINE=InnoDB;

CREATE TABLE agent_counts (
    counted_time DATETIME(6) NOT NULL PRIMARY KEY,
    num_online   INT NOT NULL,
    num_running  INT NOT NULL,
    num_offline  INT NOT NULL,
    num_disabled INT NOT NULL
) ENGINE=InnoDB;

CREATE TABLE task_event_counts (
    id            BIGINT      NOT NULL AUTO_INCREMENT PRIMARY KEY,
    time_start    DATETIME(6) NOT NULL,
    time_end      DATETIME(6) NOT NULL,
    job_queue_id  BIGINT      NULL,
    num_new       INT         NOT NULL DEFAULT 0,
    num_deleted   INT         NOT NULL DEFAULT 0,
    num_restarted INT         NOT NULL DEFAULT 0,
    num_started   INT         NOT NULL DEFAULT 0,
    num_failed    INT         NOT NULL DEFAULT 0,
    num_done      INT         NOT NULL DEFAULT 0,
    KEY ix_task_event_counts_time (time_start)
) ENGINE=InnoDB;

CREATE TABLE task_counts (
    id            BIGINT      NOT NULL AUTO_INCREMENT PRIMARY KEY,
    counted_time  DATETIME(6) NOT NULL,
    job_queue_id  BIGINT      NULL,
    total_queued  INT         NOT NULL DEFAULT 0,
    total_running INT         NOT NULL DEFAULT 0,
    total_done    INT         NOT NULL DEFAULT 0,
    total_failed  INT         NOT NULL DEFAULT 0,
    KEY ix_task_counts_time (counted_time)
) ENGINE=InnoDB;

-- Furrow: messages that could not be applied, kept for admins instead of being retried forever.
CREATE TABLE parked_messages (
    id        BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    queue     VARCHAR(255) NOT NULL,
    body      LONGBLOB     NOT NULL,
    reason    TEXT         NOT NULL,
    parked_at DATETIME(6)  NOT NULL
) ENGINE=InnoDB;
