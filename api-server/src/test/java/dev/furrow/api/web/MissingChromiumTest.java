package dev.furrow.api.web;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Without Chromium the web UI tests fail and say how to install it; they are never skipped. */
class MissingChromiumTest {

    @Test
    void aMissingBrowserFailsSayingHowToInstallIt() {
        assertThatThrownBy(() -> Browser.requireInstalled(Path.of("/nonexistent/chromium"), Path.of("/bin/sh")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("/nonexistent/chromium is missing")
                .hasMessageContaining("apt-get install -y chromium chromium-driver");
    }

    @Test
    void aMissingDriverFailsSayingHowToInstallIt() {
        assertThatThrownBy(() -> Browser.requireInstalled(Path.of("/bin/sh"), Path.of("/nonexistent/chromedriver")))
                .hasMessageContaining("/nonexistent/chromedriver is missing")
                .hasMessageContaining("apt-get install -y chromium chromium-driver");
    }
}
