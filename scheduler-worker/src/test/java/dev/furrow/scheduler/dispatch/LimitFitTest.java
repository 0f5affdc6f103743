package dev.furrow.scheduler.dispatch;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LimitFitTest {

    @Test
    void withoutLimitsTheWholeBatchFits() {
        assertThat(LimitFit.tasksThatFit(List.of(), 5)).isEqualTo(5);
    }

    @Test
    void theBatchShrinksToTheFreeCapacity() {
        assertThat(LimitFit.tasksThatFit(List.of(new LimitFit.Held(1, 3, 1, 1)), 5)).isEqualTo(2);
    }

    @Test
    void aTaskHoldingTwoUnitsNeedsTwoFreeUnits() {
        assertThat(LimitFit.tasksThatFit(List.of(new LimitFit.Held(1, 5, 0, 2)), 4)).isEqualTo(2);
        assertThat(LimitFit.tasksThatFit(List.of(new LimitFit.Held(1, 5, 4, 2)), 4)).isZero();
    }

    @Test
    void theTightestLimitDecides() {
        assertThat(LimitFit.tasksThatFit(List.of(new LimitFit.Held(1, 10, 0, 1), new LimitFit.Held(2, 2, 1, 1)), 4))
                .isEqualTo(1);
    }

    @Test
    void aLimitOverCapacityFitsNothing() {
        assertThat(LimitFit.tasksThatFit(List.of(new LimitFit.Held(1, 2, 3, 1)), 1)).isZero();
    }
}
