package dev.furrow.scheduler.dispatch;

import java.util.List;

/**
 * Whether a job's tasks fit on an agent next to what the agent already runs. For a job's cpus and ram, 0 means
 * "needs none" and -1 means "needs the whole agent" (PyFarm's special values).
 */
final class Capacity {

    static final int WHOLE_AGENT = -1;

    private Capacity() {
    }

    /** What a job asks of an agent per assignment. */
    record Needs(int cpus, int ram) {
    }

    /** An agent's resources available to work and the needs of the assignments it holds right now. */
    record Agent(int cpus, int ram, int freeRam, List<Needs> active) {

        /**
         * The agent as the scheduler may use it: {@code cpu_allocation} and {@code ram_allocation} are the shares
         * of its cpus and total ram that work may occupy (1.0 = all of it; PyFarm's defaults 1.0 and 0.8), so
         * the usable free ram is also capped by the allocated ram minus what its assignments claim.
         */
        static Agent allocated(int cpus, int ram, int freeRam, double cpuAllocation, double ramAllocation,
                               List<Needs> active) {
            int usableCpus = (int) Math.floor(cpus * cpuAllocation);
            int usableRam = (int) Math.floor(ram * ramAllocation);
            int claimedRam = active.stream().mapToInt(n -> Math.max(n.ram(), 0)).sum();
            return new Agent(usableCpus, usableRam, Math.min(freeRam, usableRam - claimedRam), active);
        }

        /** The agent after it took one more assignment with these needs. */
        Agent with(Needs needs) {
            List<Needs> more = new java.util.ArrayList<>(active);
            more.add(needs);
            return new Agent(cpus, ram, freeRam - Math.max(needs.ram(), 0), List.copyOf(more));
        }
    }

    static boolean fits(Agent agent, Needs job, boolean allowSharing, boolean useTotalRam) {
        if (!agent.active().isEmpty()) {
            if (!allowSharing || job.cpus() == WHOLE_AGENT || job.ram() == WHOLE_AGENT) {
                return false;
            }
            boolean exclusiveTaken = agent.active().stream()
                    .anyMatch(n -> n.cpus() == WHOLE_AGENT || n.ram() == WHOLE_AGENT);
            if (exclusiveTaken) {
                return false;
            }
        }
        int usedCpus = agent.active().stream().mapToInt(n -> Math.max(n.cpus(), 0)).sum();
        int ramBase = useTotalRam ? agent.ram() - agent.active().stream().mapToInt(n -> Math.max(n.ram(), 0)).sum()
                : agent.freeRam();
        boolean cpusFit = job.cpus() <= 0 || job.cpus() <= agent.cpus() - usedCpus;
        boolean ramFits = job.ram() <= 0 || job.ram() <= ramBase;
        return cpusFit && ramFits;
    }
}
