package dev.furrow.agent.jobtype;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BlenderProgressTest {

    private final BlenderProgress parser = new BlenderProgress();

    @Test
    void readsTilesFromBlenderInternalAndCyclesTileLines() {
        assertThat(parser.progressFrom("Fra:1 Mem:12.00M (Peak 12.00M) | Time:00:00.41 | Scene, RenderLayer | Path Tracing Tile 3/16"))
                .hasValue(3.0 / 16);
        assertThat(parser.progressFrom("Fra:12 Mem:8.31M (0.00M, Peak 8.59M) | Scene, RenderLayer | Tiles 8/8")).hasValue(1.0);
    }

    @Test
    void readsSamplesFromCyclesLines() {
        assertThat(parser.progressFrom("Fra:1 Mem:1.00M | Time:00:01.00 | Remaining:00:02.00 | Scene | Sample 32/128"))
                .hasValue(0.25);
        assertThat(parser.progressFrom("Fra:250 Mem:1.00M | Time:00:01.00 | Scene | Rendering 5 / 20 samples")).hasValue(0.25);
    }

    @Test
    void ignoresLinesThatAreNotFrameStatus() {
        assertThat(parser.progressFrom("Blender 2.79 (sub 0)")).isEmpty();
        assertThat(parser.progressFrom("Saved: /tmp/out_0001.png Time: 00:01.25")).isEmpty();
        assertThat(parser.progressFrom("Fra:1 Mem:12.00M | Scene, RenderLayer | Synchronizing object | Cube")).isEmpty();
        assertThat(parser.progressFrom("Tiles 3/4 without a frame prefix")).isEmpty();
    }
}
