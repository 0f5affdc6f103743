package dev.furrow.agent.process;

import dev.furrow.agent.jobtype.JobType;
import dev.furrow.messages.Json;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunAsTest {

    @Test
    void nothingChangesWhenNoUserOrGroupIsAskedFor() throws Exception {
        assertThat(new RunAs(null, null, 0).identityFor(Json.mapper().readTree("{\"command\": [\"true\"]}"))).isEmpty();
    }

    @Test
    void anAgentThatIsNotRootRefusesOtherUsersButRunsItsOwn() throws Exception {
        RunAs notRoot = new RunAs(null, null, 65534);
        assertThatThrownBy(() -> notRoot.identityFor(Json.mapper().readTree("{\"user\": \"root\"}")))
                .isInstanceOf(JobType.InvalidJobData.class)
                .hasMessageContaining("the agent does not run as root, so it cannot run processes as user root");
        assertThat(notRoot.identityFor(Json.mapper().readTree("{\"user\": \"65534\"}"))).as("its own uid").isEmpty();
    }

    @Test
    void theJobsUserWinsOverTheAgentsDefaultAndNamesAreChecked() throws Exception {
        RunAs asNobody = new RunAs("nobody", null, 0);
        assertThat(asNobody.identityFor(Json.mapper().readTree("{\"user\": \"root\"}")).orElseThrow().account().uid()).isZero();
        assertThat(asNobody.identityFor(Json.mapper().readTree("{}")).orElseThrow().account().name()).isEqualTo("nobody");
        assertThatThrownBy(() -> asNobody.identityFor(Json.mapper().readTree("{\"user\": \"root; rm -rf /\"}")))
                .hasMessageContaining("is not a user or group name or id");
    }
}
