package dev.furrow.scheduler.dispatch;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class RequirementsTest {

    static final long GPU = 1;
    static final long WORKSTATION = 2;
    static final long BLENDER = 10;
    static final long NUKE = 11;

    static Requirements tags(Requirements.Tag... tags) {
        return new Requirements(List.of(tags), List.of());
    }

    static Requirements software(Requirements.Software... software) {
        return new Requirements(List.of(), List.of(software));
    }

    static Requirements.Offer agent(Set<Long> tags, Map<Long, Set<Integer>> software) {
        return new Requirements.Offer(tags, software);
    }

    @Test
    void aJobWithoutRequirementsRunsAnywhere() {
        assertThat(Requirements.NONE.satisfiedBy(agent(Set.of(), Map.of()))).isTrue();
    }

    @Test
    void aRequiredTagMustBeOnTheAgent() {
        Requirements needsGpu = tags(new Requirements.Tag(GPU, false));
        assertThat(needsGpu.satisfiedBy(agent(Set.of(GPU, WORKSTATION), Map.of()))).isTrue();
        assertThat(needsGpu.satisfiedBy(agent(Set.of(WORKSTATION), Map.of()))).isFalse();
    }

    @Test
    void aNegatedTagKeepsTheJobOffAgentsCarryingIt() {
        Requirements notOnWorkstations = tags(new Requirements.Tag(WORKSTATION, true));
        assertThat(notOnWorkstations.satisfiedBy(agent(Set.of(GPU), Map.of()))).isTrue();
        assertThat(notOnWorkstations.satisfiedBy(agent(Set.of(GPU, WORKSTATION), Map.of()))).isFalse();
    }

    @Test
    void everyTagRequirementMustHold() {
        Requirements gpuNotWorkstation = tags(new Requirements.Tag(GPU, false), new Requirements.Tag(WORKSTATION, true));
        assertThat(gpuNotWorkstation.satisfiedBy(agent(Set.of(GPU), Map.of()))).isTrue();
        assertThat(gpuNotWorkstation.satisfiedBy(agent(Set.of(GPU, WORKSTATION), Map.of()))).isFalse();
        assertThat(gpuNotWorkstation.satisfiedBy(agent(Set.of(), Map.of()))).isFalse();
    }

    @Test
    void softwareWithoutVersionBoundsNeedsAnyVersionInstalled() {
        Requirements anyBlender = software(new Requirements.Software(BLENDER, null, null));
        assertThat(anyBlender.satisfiedBy(agent(Set.of(), Map.of(BLENDER, Set.of(1))))).isTrue();
        assertThat(anyBlender.satisfiedBy(agent(Set.of(), Map.of(NUKE, Set.of(1))))).isFalse();
    }

    @Test
    void versionBoundsCompareRanksInclusively() {
        Requirements blender3to4 = software(new Requirements.Software(BLENDER, 30, 40));
        assertThat(blender3to4.satisfiedBy(agent(Set.of(), Map.of(BLENDER, Set.of(30))))).isTrue();
        assertThat(blender3to4.satisfiedBy(agent(Set.of(), Map.of(BLENDER, Set.of(40))))).isTrue();
        assertThat(blender3to4.satisfiedBy(agent(Set.of(), Map.of(BLENDER, Set.of(29))))).isFalse();
        assertThat(blender3to4.satisfiedBy(agent(Set.of(), Map.of(BLENDER, Set.of(41))))).isFalse();
    }

    @Test
    void anyInstalledVersionInRangeIsEnough() {
        Requirements atLeast4 = software(new Requirements.Software(BLENDER, 40, null));
        assertThat(atLeast4.satisfiedBy(agent(Set.of(), Map.of(BLENDER, Set.of(20, 45))))).isTrue();
        Requirements atMost2 = software(new Requirements.Software(BLENDER, null, 20));
        assertThat(atMost2.satisfiedBy(agent(Set.of(), Map.of(BLENDER, Set.of(20, 45))))).isTrue();
        assertThat(atMost2.satisfiedBy(agent(Set.of(), Map.of(BLENDER, Set.of(45))))).isFalse();
    }

    @Test
    void jobAndJobTypeRequirementsMustBothHold() {
        Requirements job = software(new Requirements.Software(NUKE, null, null));
        Requirements jobtype = software(new Requirements.Software(BLENDER, null, null));
        Requirements both = job.and(jobtype);
        assertThat(both.satisfiedBy(agent(Set.of(), Map.of(BLENDER, Set.of(1), NUKE, Set.of(1))))).isTrue();
        assertThat(both.satisfiedBy(agent(Set.of(), Map.of(BLENDER, Set.of(1))))).isFalse();
        assertThat(both.satisfiedBy(agent(Set.of(), Map.of(NUKE, Set.of(1))))).isFalse();
    }
}
