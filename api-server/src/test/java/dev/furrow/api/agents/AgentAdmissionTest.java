package dev.furrow.api.agents;

import dev.furrow.api.http.ApiException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AgentAdmissionTest {

    @Test
    void loopbackAgentsAreAdmittedOnlyWhenAllowed() {
        assertThatCode(() -> new AgentAdmission(true, null).check("127.0.0.1", null)).doesNotThrowAnyException();
        assertThatThrownBy(() -> new AgentAdmission(false, null).check("127.0.0.1", null)).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> new AgentAdmission(false, null).check("::1", null)).isInstanceOf(ApiException.class);
        assertThatCode(() -> new AgentAdmission(false, null).check("10.0.0.5", null)).doesNotThrowAnyException();
    }

    @Test
    void aNamedFarmAdmitsOnlyItsOwnAgents() {
        assertThatCode(() -> new AgentAdmission(true, "studio").check("10.0.0.5", "studio")).doesNotThrowAnyException();
        assertThatCode(() -> new AgentAdmission(true, "studio").check("10.0.0.5", null)).doesNotThrowAnyException();
        assertThatThrownBy(() -> new AgentAdmission(true, "studio").check("10.0.0.5", "other")).hasMessageContaining("studio");
        assertThatCode(() -> new AgentAdmission(true, "").check("10.0.0.5", "other")).doesNotThrowAnyException();
    }
}
