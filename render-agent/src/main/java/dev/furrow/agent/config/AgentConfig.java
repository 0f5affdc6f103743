package dev.furrow.agent.config;

import dev.furrow.agent.process.PathMap;
import dev.furrow.messages.AgentState;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The agent's whole configuration, resolved once at start from flags, environment, agent.yml and defaults.
 * Nullable fields: {@code masterApi}, {@code agentId} (then read from {@code agentIdFile}), {@code farmName},
 * {@code cpus} and {@code ram} (then measured), {@code remoteIp}, {@code log}, {@code runAsUser}, {@code runAsGroup},
 * {@code chdir}, {@code master}, {@code uid}, {@code gid}. {@code masterApi} is {@code http://<master>/api/v1} when only
 * {@code master} is given.
 */
public record AgentConfig(
        String masterApi,
        String hostname,
        int port,
        UUID agentId,
        Path agentIdFile,
        String farmName,
        Integer cpus,
        Integer ram,
        Path taskLogDir,
        Duration shutdownTimeout,
        AgentState state,
        boolean captureProcessOutput,
        Path pidfile,
        Path log,
        Duration heartbeatInterval,
        boolean allowSharing,
        String remoteIp,
        double timeOffset,
        Duration killGracePeriod,
        Duration ramCheckInterval,
        Path spoolDir,
        int reportMemoryLimitKib,
        Path jobtypeCacheDir,
        boolean jobtypeNoCache,
        Duration scriptTimeout,
        Path scriptEngineDir,
        Map<String, String> defaultEnvironment,
        boolean includeOsEnviron,
        boolean expandVars,
        List<PathMap> pathMaps,
        String apiUsername,
        String apiPassword,
        String amqpUrl,
        String amqpNamespace,
        Path updatesDir,
        int supervisorMaxRestarts,
        Duration supervisorRestartWindow,
        String runAsUser,
        String runAsGroup,
        Path chdir,
        String master,
        Duration masterReannounce,
        int ramReportDeltaMb,
        Duration ramMaxReportFrequency,
        int spoolLimitMb,
        int scriptMemoryMb,
        int supervisorRollbackCrashes,
        Path supervisorPidfile,
        String uid,
        String gid) {

    /** Whether the mutating API endpoints require HTTP Basic credentials. */
    public boolean apiProtected() {
        return apiUsername != null || apiPassword != null;
    }

    /** The AMQP URL with its password masked, for logs and the config endpoint. */
    public String amqpUrlRedacted() {
        return amqpUrl.replaceAll("//([^:/@]+):[^@]*@", "//$1:***@");
    }

    /** Every setting by its agent.yml key, as the config endpoint shows them. */
    public Map<String, Object> byYamlKey() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put(Setting.MASTER_API.yamlKey(), masterApi);
        values.put(Setting.HOST.yamlKey(), hostname);
        values.put(Setting.PORT.yamlKey(), port);
        values.put(Setting.AGENT_ID.yamlKey(), agentId == null ? null : agentId.toString());
        values.put(Setting.AGENT_ID_FILE.yamlKey(), agentIdFile.toString());
        values.put(Setting.FARM_NAME.yamlKey(), farmName);
        values.put(Setting.CPUS.yamlKey(), cpus == null ? "auto" : cpus);
        values.put(Setting.RAM.yamlKey(), ram == null ? "auto" : ram);
        values.put(Setting.TASK_LOG_DIR.yamlKey(), taskLogDir.toString());
        values.put(Setting.SHUTDOWN_TIMEOUT.yamlKey(), shutdownTimeout.toMillis() / 1000.0);
        values.put(Setting.STATE.yamlKey(), state.wireName());
        values.put(Setting.CAPTURE_PROCESS_OUTPUT.yamlKey(), captureProcessOutput);
        values.put(Setting.PIDFILE.yamlKey(), pidfile.toString());
        values.put(Setting.LOG.yamlKey(), log == null ? null : log.toString());
        values.put(Setting.HEARTBEAT_INTERVAL.yamlKey(), heartbeatInterval.toMillis() / 1000.0);
        values.put(Setting.ALLOW_SHARING.yamlKey(), allowSharing);
        values.put(Setting.IP_REMOTE.yamlKey(), remoteIp);
        values.put(Setting.TIME_OFFSET.yamlKey(), timeOffset);
        values.put(Setting.KILL_GRACE.yamlKey(), killGracePeriod.toMillis() / 1000.0);
        values.put(Setting.RAM_CHECK_INTERVAL.yamlKey(), ramCheckInterval.toMillis() / 1000.0);
        values.put(Setting.SPOOL_DIR.yamlKey(), spoolDir.toString());
        values.put(Setting.REPORT_MEMORY_LIMIT.yamlKey(), reportMemoryLimitKib);
        values.put(Setting.JOBTYPE_CACHE_DIR.yamlKey(), jobtypeCacheDir.toString());
        values.put(Setting.JOBTYPE_NO_CACHE.yamlKey(), jobtypeNoCache);
        values.put(Setting.JOBTYPE_SCRIPT_TIMEOUT.yamlKey(), scriptTimeout.toMillis() / 1000.0);
        values.put(Setting.JOBTYPE_SCRIPT_ENGINE_DIR.yamlKey(), scriptEngineDir.toString());
        values.put(Setting.JOBTYPE_DEFAULT_ENVIRONMENT.yamlKey(), defaultEnvironment);
        values.put(Setting.JOBTYPE_INCLUDE_OS_ENVIRON.yamlKey(), includeOsEnviron);
        values.put(Setting.JOBTYPE_EXPANDVARS.yamlKey(), expandVars);
        values.put(Setting.PATH_MAPS.yamlKey(), pathMaps.stream().map(map -> Map.of("from", map.from(), "to", map.to())).toList());
        values.put(Setting.API_USERNAME.yamlKey(), apiUsername);
        values.put(Setting.API_PASSWORD.yamlKey(), apiPassword == null ? null : "***");
        values.put(Setting.AMQP_URL.yamlKey(), amqpUrlRedacted());
        values.put(Setting.AMQP_NAMESPACE.yamlKey(), amqpNamespace);
        values.put(Setting.UPDATES_DIR.yamlKey(), updatesDir.toString());
        values.put(Setting.SUPERVISOR_MAX_RESTARTS.yamlKey(), supervisorMaxRestarts);
        values.put(Setting.SUPERVISOR_RESTART_WINDOW.yamlKey(), supervisorRestartWindow.toMillis() / 1000.0);
        values.put(Setting.RUN_AS_USER.yamlKey(), runAsUser);
        values.put(Setting.RUN_AS_GROUP.yamlKey(), runAsGroup);
        values.put(Setting.CHDIR.yamlKey(), chdir == null ? null : chdir.toString());
        values.put(Setting.MASTER.yamlKey(), master);
        values.put(Setting.MASTER_REANNOUNCE.yamlKey(), masterReannounce.toMillis() / 1000.0);
        values.put(Setting.RAM_REPORT_DELTA.yamlKey(), ramReportDeltaMb);
        values.put(Setting.RAM_MAX_REPORT_FREQUENCY.yamlKey(), ramMaxReportFrequency.toMillis() / 1000.0);
        values.put(Setting.SPOOL_LIMIT.yamlKey(), spoolLimitMb);
        values.put(Setting.JOBTYPE_SCRIPT_MEMORY.yamlKey(), scriptMemoryMb);
        values.put(Setting.SUPERVISOR_ROLLBACK_CRASHES.yamlKey(), supervisorRollbackCrashes);
        values.put(Setting.SUPERVISOR_PIDFILE.yamlKey(), supervisorPidfile.toString());
        values.put(Setting.UID.yamlKey(), uid);
        values.put(Setting.GID.yamlKey(), gid);
        return values;
    }

    public AgentConfig withAgentId(UUID id) {
        return new AgentConfig(masterApi, hostname, port, id, agentIdFile, farmName, cpus, ram, taskLogDir,
                shutdownTimeout, state, captureProcessOutput, pidfile, log, heartbeatInterval, allowSharing, remoteIp,
                timeOffset, killGracePeriod, ramCheckInterval, spoolDir, reportMemoryLimitKib, jobtypeCacheDir, jobtypeNoCache, scriptTimeout, scriptEngineDir,
                defaultEnvironment, includeOsEnviron, expandVars, pathMaps, apiUsername, apiPassword, amqpUrl,
                amqpNamespace, updatesDir, supervisorMaxRestarts, supervisorRestartWindow, runAsUser, runAsGroup, chdir,
                master, masterReannounce, ramReportDeltaMb, ramMaxReportFrequency, spoolLimitMb, scriptMemoryMb,
                supervisorRollbackCrashes, supervisorPidfile, uid, gid);
    }
}
