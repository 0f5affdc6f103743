package dev.furrow.agent.config;

import java.util.Locale;

/**
 * Every setting of the agent, with its command-line flag, its key in agent.yml (PyFarm's name where PyFarm has one),
 * its environment variable and its default. The one table the flags, the YAML file, the environment and the docs
 * are built from.
 */
public enum Setting {
    MASTER("master", "master", null,
            "host[:port] of the master; without --master-api the master's API is http://<master>/api/v1"),
    MASTER_API("master-api", "master_api", null, "URL of the master's REST API, e.g. http://127.0.0.1:8080/api/v1"),
    HOST("host", "agent_hostname", "auto", "hostname to present to the master; auto = this host's name"),
    PORT("port", "agent_api_port", "50000", "port of the agent's own REST API"),
    AGENT_ID("agent-id", "agent_id", null, "UUID of this agent; by default read from (or created in) --agent-id-file"),
    AGENT_ID_FILE("agent-id-file", "agent_id_file", "~/.furrow/agent/uuid.dat", "where the agent's UUID is kept"),
    FARM_NAME("farm-name", "farm_name", null, "name of the farm the agent joins; unset = any farm"),
    CPUS("cpus", "agent_cpus", "auto", "cpus to report; auto = all logical cpus"),
    RAM("ram", "agent_ram", "auto", "ram in MB to report; auto = installed ram"),
    TASK_LOG_DIR("task-log-dir", "jobtype_task_logs", "$temp/furrow/agent/logs/tasks", "directory of the CSV task logs"),
    SHUTDOWN_TIMEOUT("shutdown-timeout", "agent_shutdown_timeout", "15",
            "seconds the agent spends stopping its processes and telling the master it goes offline"),
    STATE("state", "agent_state", "online", "state announced at start: online, disabled, running or offline"),
    CAPTURE_PROCESS_OUTPUT("capture-process-output", "jobtype_capture_process_output", "false",
            "also send every line processes print through the agent's own logger"),
    PIDFILE("pidfile", "agent_lock_file", "$temp/furrow/agent/agent.pid", "file holding the running agent's process id"),
    LOG("log", "agent_log", null, "append the agent's own log to this file (always used when daemonized)"),
    HEARTBEAT_INTERVAL("heartbeat-interval", "agent_heartbeat_interval", "10", "seconds between heartbeats"),
    ALLOW_SHARING("allow-sharing", "agent_allow_sharing", "false",
            "run several assignments at once; when false a second assignment is rejected"),
    IP_REMOTE("ip-remote", "agent_ip_remote", null, "remote IPv4 address to report when behind a NAT"),
    TIME_OFFSET("time-offset", "agent_time_offset", "0", "seconds this host's clock is off; reported as is"),
    KILL_GRACE("kill-grace-period", "agent_kill_grace_period", "5",
            "seconds between asking a process tree to terminate (TERM) and killing it (KILL)"),
    RAM_CHECK_INTERVAL("ram-check-interval", "agent_ram_check_interval", "1",
            "seconds between checks of this machine's free ram and of a task's process tree ram against the job's "
                    + "ram_warning and ram_max"),
    RAM_REPORT_DELTA("ram-report-delta", "agent_ram_report_delta", "100",
            "report a change of free ram to the master (between heartbeats) once it moved at least this many MB"),
    RAM_MAX_REPORT_FREQUENCY("ram-max-report-frequency", "agent_ram_max_report_frequency", "10",
            "seconds that must pass between two reports of a change in free ram"),
    MASTER_REANNOUNCE("master-reannounce", "agent_master_reannounce", "120",
            "seconds between re-announcements to the master (hardware, free ram and disk space, running tasks) and "
                    + "refreshes of the master's path maps"),
    SPOOL_DIR("spool-dir", "agent_spool_directory", "$temp/furrow/agent/spool",
            "directory of the report spool: reports the broker has not taken yet, kept in order on disk"),
    REPORT_MEMORY_LIMIT("report-memory-limit", "agent_report_memory_limit", "1024",
            "KiB of undelivered reports kept in memory; more go to the spool file"),
    SPOOL_LIMIT("spool-limit", "agent_spool_limit", "1024",
            "MB the spool file may hold; log chunks stop at 3/4 of it, state reports are dropped (loudly) only when "
                    + "it is full"),
    JOBTYPE_CACHE_DIR("jobtype-cache-dir", "jobtype_cache_directory", "$temp/furrow/agent/jobtype_cache",
            "where job type versions fetched from the master are cached"),
    JOBTYPE_NO_CACHE("jobtype-no-cache", "jobtype_no_cache", "false",
            "always fetch job type versions from the master, never read or write the cache"),
    JOBTYPE_SCRIPT_TIMEOUT("jobtype-script-timeout", "jobtype_script_timeout", "5",
            "seconds one hook call of a script job type may run before it is stopped"),
    JOBTYPE_SCRIPT_MEMORY("jobtype-script-memory", "jobtype_script_memory", "64",
            "MB one hook call of a script job type may allocate before it is stopped"),
    JOBTYPE_SCRIPT_ENGINE_DIR("jobtype-script-engine-dir", "jobtype_script_engine_dir", "auto",
            "directory of the GraalJS jars for script job types; auto = graaljs/ next to the agent's jar"),
    JOBTYPE_DEFAULT_ENVIRONMENT("jobtype-default-environment", "jobtype_default_environment", "{}",
            "environment of every process (a JSON/YAML mapping), under the job's environ"),
    JOBTYPE_INCLUDE_OS_ENVIRON("jobtype-include-os-environ", "jobtype_include_os_environ", "true",
            "start processes with the agent's own environment under the default environment and the job's environ"),
    JOBTYPE_EXPANDVARS("jobtype-expandvars", "jobtype_expandvars", "true",
            "expand $VAR and ${VAR} in command arguments and environment values from the process environment"),
    PATH_MAPS("path-maps", "agent_path_maps", "[]",
            "path mappings applied to command arguments, a JSON/YAML list of {\"from\": ..., \"to\": ...}"),
    API_USERNAME("agent-api-username", "agent_api_username", null,
            "user name the mutating API endpoints require (HTTP Basic); unset = no protection"),
    API_PASSWORD("agent-api-password", "agent_api_password", null,
            "password the mutating API endpoints require together with --agent-api-username"),
    UPDATES_DIR("updates-dir", "agent_updates_dir", "$temp/furrow/agent/updates",
            "where POST /api/v1/update stages a downloaded agent jar for the supervisor to swap in"),
    SUPERVISOR_MAX_RESTARTS("supervisor-max-restarts", "supervisor_max_restarts", "5",
            "supervise: crashes tolerated within --supervisor-restart-window before the supervisor gives up"),
    SUPERVISOR_RESTART_WINDOW("supervisor-restart-window", "supervisor_restart_window", "300",
            "supervise: seconds over which crashes are counted"),
    SUPERVISOR_ROLLBACK_CRASHES("supervisor-rollback-crashes", "supervisor_rollback_crashes", "3",
            "supervise: crashes of a newly applied update within --supervisor-restart-window after which the "
                    + "previous agent jar is put back; 0 = never roll back"),
    SUPERVISOR_PIDFILE("supervisor-pidfile", "supervisor_lock_file", "$temp/furrow/agent/supervisor.pid",
            "supervise: file holding the supervisor's own process id"),
    RUN_AS_USER("run-as-user", "agent_run_as_user", null,
            "user (name or id) task processes run as unless the job's data.user says otherwise; needs a root agent"),
    RUN_AS_GROUP("run-as-group", "agent_run_as_group", null,
            "group (name or id) task processes run as unless the job's data.group says otherwise; default the user's"),
    UID("uid", "agent_uid", null,
            "user (name or id) the agent process runs as when start (background) or supervise starts it; needs root"),
    GID("gid", "agent_gid", null,
            "group (name or id) the agent process runs as with --uid; default the user's primary group"),
    CHDIR("chdir", "agent_chdir", null,
            "working directory of the agent started in the background (start) or by supervise; unset = unchanged"),
    AMQP_URL("amqp-url", "amqp_url", "amqp://guest:guest@127.0.0.1:5672/%2F", "AMQP 0-9-1 broker URL", "FURROW_AMQP_URL"),
    AMQP_NAMESPACE("amqp-namespace", "amqp_namespace", "furrow", "prefix of every exchange and queue name",
            "FURROW_AMQP_NAMESPACE");

    private final String flag;
    private final String yamlKey;
    private final String defaultValue;
    private final String description;
    private final String envVar;

    Setting(String flag, String yamlKey, String defaultValue, String description) {
        this(flag, yamlKey, defaultValue, description,
                "FURROW_AGENT_" + flag.toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    Setting(String flag, String yamlKey, String defaultValue, String description, String envVar) {
        this.flag = flag;
        this.yamlKey = yamlKey;
        this.defaultValue = defaultValue;
        this.description = description;
        this.envVar = envVar;
    }

    /** The long option, e.g. {@code --task-log-dir}. */
    public String flag() {
        return "--" + flag;
    }

    public String yamlKey() {
        return yamlKey;
    }

    public String envVar() {
        return envVar;
    }

    /** The default before expansion ($temp, ~, auto); null when the setting has none. */
    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }

    /** A switch takes no value on the command line: {@code --capture-process-output} means true. */
    public boolean isSwitch() {
        return this == CAPTURE_PROCESS_OUTPUT || this == ALLOW_SHARING || this == JOBTYPE_NO_CACHE;
    }
}
