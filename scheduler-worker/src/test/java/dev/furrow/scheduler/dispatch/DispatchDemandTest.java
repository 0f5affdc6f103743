package dev.furrow.scheduler.dispatch;

import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class DispatchDemandTest {

    private final UUID refusing = UUID.randomUUID();
    private final UUID other = UUID.randomUUID();
    private final DispatchDemand demand = new DispatchDemand();

    @Test
    void idleAgentsExceptTheRefusingOneLeaveItOut() {
        demand.idleAgentsExcept(Set.of(refusing));

        DispatchDemand.Pending pending = demand.take();
        assertThat(pending.idleAgents()).isTrue();
        assertThat(pending.idleAgentsLeftOut()).containsExactly(refusing);
        assertThat(demand.take().isEmpty()).as("taken").isTrue();
    }

    @Test
    void aPlainDemandForIdleAgentsServesTheRefusingAgentToo() {
        demand.idleAgentsExcept(Set.of(refusing));
        demand.idleAgents();

        assertThat(demand.take().idleAgentsLeftOut()).isEmpty();
    }

    @Test
    void twoRefusalsLeaveOutOnlyTheAgentsBothLeaveOut() {
        demand.idleAgentsExcept(Set.of(refusing));
        demand.idleAgentsExcept(Set.of(refusing, other));

        assertThat(demand.take().idleAgentsLeftOut()).containsExactly(refusing);

        demand.idleAgentsExcept(Set.of(refusing));
        demand.idleAgentsExcept(Set.of(other));
        assertThat(demand.take().idleAgentsLeftOut()).isEmpty();
    }

    @Test
    void aRestoredDemandKeepsWhatItLeftOut() {
        demand.idleAgentsExcept(Set.of(refusing));
        DispatchDemand.Pending failed = demand.take();

        demand.restore(failed);

        DispatchDemand.Pending again = demand.take();
        assertThat(again.idleAgents()).isTrue();
        assertThat(again.idleAgentsLeftOut()).containsExactly(refusing);
    }
}
