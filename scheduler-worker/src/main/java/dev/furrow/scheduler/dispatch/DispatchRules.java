package dev.furrow.scheduler.dispatch;

import dev.furrow.scheduler.SchedulerConfig;

/** The configured choices that shape a dispatch decision. */
record DispatchRules(boolean allowSharing, boolean useTotalRam, boolean preferRunningJobs) {

    static DispatchRules of(SchedulerConfig config) {
        return new DispatchRules(config.agentAllowSharing(), config.useTotalRamForScheduling(),
                config.queuePreferRunningJobs());
    }
}
