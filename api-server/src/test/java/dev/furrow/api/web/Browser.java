package dev.furrow.api.web;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Debian's Chromium, headless, driven through the system chromedriver: never anything Selenium Manager would
 * download (the build machine has no network). One per test class, like {@code ApiServer}; a failed test leaves a
 * screenshot and the page's HTML in {@code target/browser/}.
 */
public final class Browser implements BeforeAllCallback, AfterAllCallback, TestWatcher {

    static final Path CHROMIUM = Path.of(env("FURROW_CHROMIUM", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(env("FURROW_CHROMEDRIVER", "/usr/bin/chromedriver"));
    private static final Duration PATIENCE = Duration.ofSeconds(15);
    // The tests use no DevTools; Debian's Chromium is newer than the DevTools versions Selenium knows, which it
    // would otherwise warn about in every run. Held here because JUL forgets the level of an unreferenced logger.
    private static final Logger CDP_VERSIONS = quiet("org.openqa.selenium.devtools.CdpVersionFinder");

    private ChromeDriverService service;
    private ChromeDriver driver;
    private Path profile;

    public static Browser perTestClass() {
        return new Browser();
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        requireInstalled(CHROMIUM, CHROMEDRIVER);
        profile = Files.createTempDirectory("furrow-chromium");
        service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments(
                // Root in a container: no sandbox, no GPU, no /dev/shm; and nothing that reaches the network.
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1400,1000", "--user-data-dir=" + profile);
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(PATIENCE);
    }

    /** Fails (never skips) when the browser or its driver is missing, saying how to install them. */
    static void requireInstalled(Path chromium, Path chromedriver) {
        for (Path binary : List.of(chromium, chromedriver)) {
            if (!Files.isExecutable(binary)) {
                throw new IllegalStateException(binary + " is missing: the web UI tests drive a real headless Chromium. "
                        + "Install it with:  apt-get install -y chromium chromium-driver   (or point FURROW_CHROMIUM / "
                        + "FURROW_CHROMEDRIVER at another Chromium and its chromedriver)");
            }
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (driver != null) {
            driver.quit();
        }
        if (service != null) {
            service.stop();
        }
        if (profile != null) {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        if (driver == null) {
            return;
        }
        try {
            Path dir = Files.createDirectories(Path.of("target", "browser"));
            String name = context.getRequiredTestClass().getSimpleName() + "." + context.getDisplayName()
                    .replaceAll("[^A-Za-z0-9_.-]", "");
            Files.write(dir.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
            Files.writeString(dir.resolve(name + ".html"), driver.getPageSource());
        } catch (IOException | RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    public ChromeDriver driver() {
        if (driver == null) {
            throw new IllegalStateException("register it with @RegisterExtension static final Browser browser = "
                    + "Browser.perTestClass()");
        }
        return driver;
    }

    /** Loads a page, e.g. {@code open(api.uri("/#/jobs"))}; a fresh load, also when only the fragment differs. */
    public void open(URI uri) {
        driver().get("about:blank");
        driver().get(uri.toString());
    }

    /** Waits until the condition holds (a value that is not null or false), failing after 15 seconds. */
    public <T> T await(ExpectedCondition<T> condition) {
        // The page redraws its tables on every refresh, so an element found a moment ago may be gone.
        return wait(() -> "the condition to hold on " + driver().getCurrentUrl() + "; the error banner shows "
                + texts("#error")).until(condition);
    }

    /** Waits until an element matching the CSS selector is visible. */
    public WebElement visible(String css) {
        return wait(() -> "a visible element matching " + css + "; the error banner shows " + texts("#error")).until(d -> d.findElements(By.cssSelector(css)).stream()
                .filter(WebElement::isDisplayed).findFirst().orElse(null));
    }

    /** Waits until the element matching the CSS selector has text containing {@code text}; answers the element. */
    public WebElement showing(String css, String text) {
        return wait(() -> css + " to show '" + text + "'; it shows " + texts(css) + ", the error banner "
                + texts("#error")).until(d -> d.findElements(By.cssSelector(css)).stream()
                .filter(e -> e.isDisplayed() && e.getText().contains(text)).findFirst().orElse(null));
    }

    private WebDriverWait wait(Supplier<String> what) {
        WebDriverWait wait = new WebDriverWait(driver(), PATIENCE);
        wait.ignoring(StaleElementReferenceException.class).withMessage(what);
        return wait;
    }

    /** Clicks the visible element matching the CSS selector (found again if a redraw replaced it). */
    public void click(String css) {
        await(d -> {
            visible(css).click();
            return true;
        });
    }

    /** The text of the visible element matching the CSS selector, read again if a redraw replaced it. */
    public String text(String css) {
        return await(d -> visible(css).getText());
    }

    /** Picks the option with this value in the visible select matching the CSS selector (fires its change event). */
    public void choose(String css, String value) {
        await(d -> {
            new Select(visible(css)).selectByValue(value);
            return true;
        });
    }

    /** The part of the address after '#'. */
    public String fragment() {
        String url = driver().getCurrentUrl();
        return url.contains("#") ? url.substring(url.indexOf('#') + 1) : "";
    }

    /** The texts of the visible elements matching the CSS selector, all read from one drawing of the page. */
    public List<String> texts(String css) {
        for (int attempt = 1; ; attempt++) {
            try {
                return driver().findElements(By.cssSelector(css)).stream().filter(WebElement::isDisplayed)
                        .map(WebElement::getText).toList();
            } catch (StaleElementReferenceException redrawn) {
                if (attempt == 10) {
                    throw redrawn;
                }
            }
        }
    }

    /** Saves a screenshot to a PNG file, to look at the layout while working on the page. */
    public void screenshot(Path file) throws IOException {
        Files.write(file, driver().getScreenshotAs(OutputType.BYTES));
    }

    private static Logger quiet(String name) {
        Logger logger = Logger.getLogger(name);
        logger.setLevel(Level.SEVERE);
        return logger;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
