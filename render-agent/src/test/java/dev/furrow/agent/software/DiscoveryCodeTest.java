package dev.furrow.agent.software;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DiscoveryCodeTest {

    @Test
    void substitutesSoftwareAndVersionAndMatchesTheVersionLiterally() {
        DiscoveryCode code = DiscoveryCode.parse("""
                {"command": ["/opt/{software}/{version}/bin/{software}", "--version"], "regex": "{software} {version}",
                 "timeout": 2.5}""", "blender", "2.72");
        assertThat(code.command()).containsExactly("/opt/blender/2.72/bin/blender", "--version");
        assertThat(code.timeout()).isEqualTo(Duration.ofMillis(2500));
        assertThat(code.found(0, "blender 2.72 (sub 0)\n")).isTrue();
        assertThat(code.found(0, "blender 2x72\n")).as("the dot is not a wildcard").isFalse();
        assertThat(code.found(1, "blender 2.72\n")).as("a failing command finds nothing").isFalse();
    }

    @Test
    void withoutARegexTheExitCodeDecides() {
        DiscoveryCode code = DiscoveryCode.parse("{\"command\": [\"test\", \"-x\", \"/usr/bin/nuke\"]}", "nuke", "11");
        assertThat(code.regex()).isNull();
        assertThat(code.timeout()).isEqualTo(DiscoveryCode.DEFAULT_TIMEOUT);
        assertThat(code.found(0, "")).isTrue();
        assertThat(code.command()).isEqualTo(List.of("test", "-x", "/usr/bin/nuke"));
    }

    @Test
    void refusesCodeWithoutACommandOrWithABadRegex() {
        assertThatThrownBy(() -> DiscoveryCode.parse("{\"regex\": \"x\"}", "a", "1"))
                .hasMessageContaining("needs \"command\"");
        assertThatThrownBy(() -> DiscoveryCode.parse("{\"command\": [\"true\"], \"regex\": \"(\"}", "a", "1"))
                .hasMessageContaining("not a valid regular expression");
        assertThatThrownBy(() -> DiscoveryCode.parse("{\"command\": [\"true\"], \"timeout\": -1}", "a", "1"))
                .hasMessageContaining("positive number");
    }
}
