package dev.furrow.scheduler.dispatch;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CapacityTest {

    static final Capacity.Agent IDLE = new Capacity.Agent(8, 16000, 12000, List.of());

    static Capacity.Agent running(Capacity.Needs... active) {
        return new Capacity.Agent(8, 16000, 12000, List.of(active));
    }

    @Test
    void zeroMeansTheJobNeedsNoneOfThatResource() {
        assertThat(Capacity.fits(IDLE, new Capacity.Needs(0, 0), false, false)).isTrue();
        assertThat(Capacity.fits(new Capacity.Agent(1, 16, 0, List.of()), new Capacity.Needs(0, 0), false, false)).isTrue();
    }

    @Test
    void aJobNeedingMoreCpusThanTheAgentHasDoesNotFit() {
        assertThat(Capacity.fits(IDLE, new Capacity.Needs(8, 32), false, false)).isTrue();
        assertThat(Capacity.fits(IDLE, new Capacity.Needs(9, 32), false, false)).isFalse();
    }

    @Test
    void ramIsComparedWithFreeRamUnlessTotalRamIsConfigured() {
        Capacity.Needs needs = new Capacity.Needs(1, 14000);
        assertThat(Capacity.fits(IDLE, needs, false, false)).isFalse();
        assertThat(Capacity.fits(IDLE, needs, false, true)).isTrue();
    }

    @Test
    void minusOneNeedsAnIdleAgent() {
        Capacity.Needs whole = new Capacity.Needs(-1, -1);
        assertThat(Capacity.fits(IDLE, whole, true, false)).isTrue();
        assertThat(Capacity.fits(running(new Capacity.Needs(1, 32)), whole, true, false)).isFalse();
        assertThat(Capacity.fits(running(whole), new Capacity.Needs(0, 0), true, false)).isFalse();
    }

    @Test
    void withoutSharingABusyAgentTakesNothingElse() {
        assertThat(Capacity.fits(running(new Capacity.Needs(1, 32)), new Capacity.Needs(1, 32), false, false)).isFalse();
    }

    @Test
    void withSharingAssignmentsShareTheAgentsCpusAndTotalRam() {
        Capacity.Agent half = running(new Capacity.Needs(4, 8000));
        assertThat(Capacity.fits(half, new Capacity.Needs(4, 8000), true, true)).isTrue();
        assertThat(Capacity.fits(half, new Capacity.Needs(5, 100), true, true)).isFalse();
        assertThat(Capacity.fits(half, new Capacity.Needs(1, 8001), true, true)).isFalse();
    }

    @Test
    void cpuAndRamAllocationLimitWhatWorkMayOccupy() {
        Capacity.Agent half = Capacity.Agent.allocated(8, 16000, 16000, 0.5, 0.8, List.of());
        assertThat(Capacity.fits(half, new Capacity.Needs(4, 32), false, false)).isTrue();
        assertThat(Capacity.fits(half, new Capacity.Needs(5, 32), false, false)).isFalse();
        assertThat(Capacity.fits(half, new Capacity.Needs(1, 12800), false, true)).isTrue();
        assertThat(Capacity.fits(half, new Capacity.Needs(1, 12801), false, true)).isFalse();
        assertThat(Capacity.fits(half, new Capacity.Needs(1, 12801), false, false)).isFalse();
    }

    @Test
    void allocatedFreeRamAlsoLeavesRoomForWhatAssignmentsClaim() {
        Capacity.Agent busy = Capacity.Agent.allocated(8, 16000, 15000, 1.0, 0.5,
                List.of(new Capacity.Needs(1, 6000)));
        assertThat(Capacity.fits(busy, new Capacity.Needs(1, 2000), true, false)).isTrue();
        assertThat(Capacity.fits(busy, new Capacity.Needs(1, 2001), true, false)).isFalse();
    }

    @Test
    void theWholeAgentIgnoresAllocation() {
        Capacity.Agent small = Capacity.Agent.allocated(8, 16000, 16000, 0.25, 0.25, List.of());
        assertThat(Capacity.fits(small, new Capacity.Needs(-1, -1), false, false)).isTrue();
    }
}
