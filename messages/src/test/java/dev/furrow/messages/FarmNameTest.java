package dev.furrow.messages;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FarmNameTest {

    @Test
    void aNamedFarmAdmitsItsOwnAgentsAndAgentsWithoutAName() {
        FarmName blue = new FarmName("blue");

        assertThat(blue.admits("blue")).isTrue();
        assertThat(blue.admits(null)).isTrue();
        assertThat(blue.admits(" ")).isTrue();
        assertThat(blue.admits("red")).isFalse();
        assertThat(blue.admits("Blue")).as("names are compared exactly").isFalse();
    }

    @Test
    void aFarmWithoutANameAdmitsEveryAgent() {
        assertThat(new FarmName(null).admits("red")).isTrue();
        assertThat(new FarmName("").admits("red")).isTrue();
        assertThat(new FarmName("  ").admits("red")).isTrue();
    }
}
