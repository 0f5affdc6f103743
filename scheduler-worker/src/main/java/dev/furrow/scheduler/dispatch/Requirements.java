package dev.furrow.scheduler.dispatch;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a job demands of an agent beyond cpus and ram: its tag requirements and the software requirements of the
 * job and of its job type version. Pure: decided from values read by {@link ClaimTasks}.
 */
record Requirements(List<Tag> tags, List<Software> software) {

    static final Requirements NONE = new Requirements(List.of(), List.of());

    /** The agent must carry the tag, or with {@code negate} must not carry it. */
    record Tag(long tagId, boolean negate) {
    }

    /**
     * The agent must have a version of the software whose rank lies within {@code minRank..maxRank} (a null bound
     * is open; PyFarm compares versions by {@code software_versions.rank}).
     */
    record Software(long softwareId, Integer minRank, Integer maxRank) {

        boolean acceptsRank(int rank) {
            return (minRank == null || rank >= minRank) && (maxRank == null || rank <= maxRank);
        }
    }

    /** What an agent offers: its tag ids and, per software id, the ranks of the versions it has installed. */
    record Offer(Set<Long> tags, Map<Long, Set<Integer>> softwareRanks) {
    }

    boolean satisfiedBy(Offer agent) {
        for (Tag tag : tags) {
            if (agent.tags().contains(tag.tagId()) == tag.negate()) {
                return false;
            }
        }
        for (Software need : software) {
            Set<Integer> installed = agent.softwareRanks().getOrDefault(need.softwareId(), Set.of());
            if (installed.stream().noneMatch(need::acceptsRank)) {
                return false;
            }
        }
        return true;
    }

    Requirements and(Requirements other) {
        return new Requirements(concat(tags, other.tags), concat(software, other.software));
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        return b.isEmpty() ? a : a.isEmpty() ? b : java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
