package dev.furrow.farm;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FarmOptionsTest {

    static final Path ROOT = Path.of("/srv/furrow");

    @Test
    void defaultsAreOneAgentOnTheContractPortsWithStateUnderVar() {
        FarmOptions options = FarmOptions.defaults(ROOT, Map.of());

        assertThat(options.dataDir()).isEqualTo(Path.of("/srv/furrow/var"));
        assertThat(options.services()).isEqualTo(Services.AUTO);
        assertThat(options.agents()).isEqualTo(1);
        assertThat(options.apiPort()).isEqualTo(8080);
        assertThat(options.agentPort(1)).isEqualTo(50000);
        assertThat(options.embeddedDbPort()).isEqualTo(3307);
        assertThat(options.embeddedAmqpPort()).isEqualTo(5673);
    }

    @Test
    void furrowApiPortMovesTheApi() {
        assertThat(FarmOptions.defaults(ROOT, Map.of("FURROW_API_PORT", "9090")).apiPort()).isEqualTo(9090);
    }

    @Test
    void agentsCountTheirPortsUpFromTheFirst() {
        FarmOptions options = FarmOptions.defaults(ROOT, Map.of()).withAgents(3);

        assertThat(options.agentPort(1)).isEqualTo(50000);
        assertThat(options.agentPort(3)).isEqualTo(50002);
    }

    @Test
    void anApiPortAmongTheAgentsPortsIsRejected() {
        assertThatThrownBy(() -> FarmOptions.defaults(ROOT, Map.of()).withAgents(3).withPorts(50001, 50000))
                .hasMessageContaining("collides with the agents' ports 50000..50002");
    }

    @Test
    void aFarmNeedsAtLeastOneAgent() {
        assertThatThrownBy(() -> FarmOptions.defaults(ROOT, Map.of()).withAgents(0))
                .hasMessageContaining("--agents must be at least 1");
    }

    @Test
    void aPortThatIsNotANumberIsNamed() {
        assertThatThrownBy(() -> FarmOptions.defaults(ROOT, Map.of("FURROW_API_PORT", "http")))
                .hasMessageContaining("FURROW_API_PORT must be a port number, not 'http'");
    }
}
