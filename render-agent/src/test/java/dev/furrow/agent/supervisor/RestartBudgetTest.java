package dev.furrow.agent.supervisor;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class RestartBudgetTest {

    @Test
    void backsOffDoublingAndGivesUpAfterTooManyCrashesInTheWindow() {
        RestartBudget budget = new RestartBudget(3, Duration.ofMinutes(5));
        Instant t = Instant.parse("2026-11-23T10:00:00Z");
        assertThat(budget.crashed(t)).contains(Duration.ofSeconds(1));
        assertThat(budget.crashed(t.plusSeconds(10))).contains(Duration.ofSeconds(2));
        assertThat(budget.crashed(t.plusSeconds(20))).contains(Duration.ofSeconds(4));
        assertThat(budget.crashed(t.plusSeconds(30))).isEmpty();
    }

    @Test
    void crashesOlderThanTheWindowAreForgotten() {
        RestartBudget budget = new RestartBudget(2, Duration.ofMinutes(5));
        Instant t = Instant.parse("2026-11-23T10:00:00Z");
        budget.crashed(t);
        budget.crashed(t.plusSeconds(200));
        assertThat(budget.crashed(t.plusSeconds(400))).as("the crash at +200 s is still in the window, the first not")
                .contains(Duration.ofSeconds(2));
    }
}
