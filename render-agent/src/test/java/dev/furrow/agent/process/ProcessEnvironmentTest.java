package dev.furrow.agent.process;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ProcessEnvironmentTest {

    private static final Map<String, String> OS = Map.of("HOME", "/home/render", "PATH", "/usr/bin");

    @Test
    void layersOsDefaultsAndJobWithLaterLayersExpandingEarlierOnes() {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("STUDIO", "acme");
        defaults.put("PATH", "/opt/acme/bin:$PATH");
        ProcessEnvironment environment = new ProcessEnvironment(OS, true, defaults, true);

        Map<String, String> env = environment.build(Map.of("SHOT_DIR", "${HOME}/$STUDIO/sh010", "ODD", "$NOT_SET/x"));

        assertThat(env).containsEntry("HOME", "/home/render")
                .containsEntry("PATH", "/opt/acme/bin:/usr/bin")
                .containsEntry("SHOT_DIR", "/home/render/acme/sh010")
                .containsEntry("ODD", "$NOT_SET/x");
        assertThat(environment.expand("render $STUDIO ${SHOT_DIR}", env)).isEqualTo("render acme /home/render/acme/sh010");
    }

    @Test
    void withoutTheOsEnvironmentOnlyDefaultsAndJobRemain() {
        Map<String, String> env = new ProcessEnvironment(OS, false, Map.of("A", "1"), true).build(Map.of("B", "$HOME"));
        assertThat(env).containsOnlyKeys("A", "B").containsEntry("B", "$HOME");
    }

    @Test
    void expansionCanBeTurnedOff() {
        ProcessEnvironment environment = new ProcessEnvironment(OS, true, Map.of(), false);
        Map<String, String> env = environment.build(Map.of("WHERE", "$HOME/x"));
        assertThat(env).containsEntry("WHERE", "$HOME/x");
        assertThat(environment.expand("$HOME", env)).isEqualTo("$HOME");
    }
}
