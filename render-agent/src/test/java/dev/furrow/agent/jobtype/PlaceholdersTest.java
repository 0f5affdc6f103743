package dev.furrow.agent.jobtype;

import dev.furrow.messages.Json;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlaceholdersTest {

    @Test
    void wholeFramesPrintWithoutDecimals() throws Exception {
        Placeholders placeholders = new Placeholders(3.0, new FrameRange(1, 10, 1),
                Json.mapper().readTree("{\"scene\": \"/s/a.blend\", \"quality\": 5}"));
        assertThat(placeholders.apply("-f {frame} -s {start} -e {end} -j {by}")).isEqualTo("-f 3 -s 1 -e 10 -j 1");
        assertThat(placeholders.apply("{data.scene}:{data.quality}")).isEqualTo("/s/a.blend:5");
        assertThat(placeholders.apply("no placeholders {here}")).isEqualTo("no placeholders {here}");
    }

    @Test
    void fractionalFramesKeepTheirDecimals() {
        assertThat(new Placeholders(1.5, new FrameRange(1, 2, 0.25), null).apply("{frame} by {by}")).isEqualTo("1.5 by 0.25");
    }

    @Test
    void aMissingDataKeySaysWhichOne() {
        assertThatThrownBy(() -> new Placeholders(1, new FrameRange(1, 1, 1), null).apply("{data.scene}"))
                .isInstanceOf(JobType.InvalidJobData.class).hasMessageContaining("'scene'");
    }
}
