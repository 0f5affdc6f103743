package dev.furrow.agent.assignments;

import dev.furrow.agent.config.AgentConfig;
import dev.furrow.agent.jobtype.JobTypes;
import dev.furrow.agent.process.ProcessSetup;
import dev.furrow.agent.reporting.Reports;
import dev.furrow.agent.sysinfo.SystemInfo;

import java.util.UUID;

/** What every assignment run needs from the agent around it. */
public record AgentContext(UUID agentId, AgentConfig config, Reports reports, JobTypes jobTypes, SystemInfo systemInfo,
                           ProcessSetup processSetup) {
}
