package io.bourse.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One person's browser: Debian's chromium, headless, driven through Debian's chromedriver, with a profile of its own
 * (its own cookies, so its own session at the issuer). Nothing is downloaded: where either program is missing, the
 * test fails and says what to install.
 */
final class Browser implements ScreenBrowser {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration PATIENCE = Duration.ofSeconds(45);

    private final String name;
    private final ChromeDriver driver;
    private final Path profile;

    private Browser(String name, ChromeDriver driver, Path profile) {
        this.name = name;
        this.driver = driver;
        this.profile = profile;
    }

    /** A new browser window of the given size, named for its screenshots. */
    static Browser open(String name, int width, int height) {
        for (Path program : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(program)) {
                throw new IllegalStateException(program + " is missing: the browser tests drive Debian's chromium"
                        + " through its chromedriver; install them with 'apt-get install -y chromium chromium-driver'");
            }
        }
        try {
            Path profile = Files.createTempDirectory("bourse-browser-" + name);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile())
                    .usingAnyFreePort()
                    .withLogFile(Files.createDirectories(Path.of("target")).resolve("chromedriver-" + name + ".log")
                            .toFile())
                    .build();
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--disable-quic", "--user-data-dir=" + profile,
                    "--window-size=" + width + "," + height);
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().window().setSize(new Dimension(width, height));
            return new Browser(name, driver, profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    WebDriver driver() {
        return driver;
    }

    @Override
    public void go(String url) {
        driver.get(url);
    }

    @Override
    public void fillLoginPage(String user, String password) {
        WebElement username = await(d -> d.findElements(By.cssSelector(LOGIN_USERNAME)).stream().findFirst()
                .orElse(null));
        username.clear();
        username.sendKeys(user);
        driver.findElement(By.cssSelector(LOGIN_PASSWORD)).sendKeys(password);
        driver.findElement(By.cssSelector(LOGIN_SUBMIT)).click();
    }

    static By test(String name) {
        return By.cssSelector(ScreenBrowser.test(name));
    }

    WebElement find(String testName) {
        return await(d -> d.findElements(test(testName)).stream().findFirst().orElse(null));
    }

    @Override
    public void click(String testName) {
        await(d -> {
            WebElement element = d.findElements(test(testName)).stream().findFirst().orElse(null);
            return element != null && element.isDisplayed() && element.isEnabled() ? element : null;
        }).click();
    }

    @Override
    public void type(String testName, String text) {
        WebElement input = find(testName);
        input.clear();
        input.sendKeys(text);
    }

    @Override
    public void choose(String testName, String value) {
        await(d -> new Select(d.findElement(test(testName))).getOptions().stream()
                .anyMatch(option -> value.equals(option.getAttribute("value"))) ? true : null);
        new Select(find(testName)).selectByValue(value);
    }

    @Override
    public void awaitText(String testName, String text) {
        await(d -> d.findElements(test(testName)).stream()
                .anyMatch(element -> element.isDisplayed() && element.getText().contains(text)) ? true : null);
    }

    <T> T await(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, PATIENCE).withMessage(() -> "in " + name + "'s browser at "
                + driver.getCurrentUrl() + ", showing: " + shown())
                // Panels draw their rows anew on every change: a row found a moment ago may be gone; look again.
                .ignoring(StaleElementReferenceException.class)
                .until(condition);
    }

    /** What the page shows, for a failure's message. */
    private String shown() {
        try {
            String text = driver.findElement(By.tagName("body")).getText().replaceAll("\\s+", " ");
            return text.length() > 1500 ? text.substring(0, 1500) + "…" : text;
        } catch (RuntimeException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    Object script(String script, Object... arguments) {
        return driver.executeScript(script, arguments);
    }

    /** The whole window, as target/screenshots/{name}.png. */
    @Override
    public void screenshot(String file) {
        ScreenBrowser.keepScreenshot(file, driver.getScreenshotAs(OutputType.BYTES));
    }

    /** One panel, by its data-test name. */
    void screenshot(String testName, String file) {
        ScreenBrowser.keepScreenshot(file, find(testName).getScreenshotAs(OutputType.BYTES));
    }

    @Override
    public void close() {
        try {
            screenshot("last-" + name);
        } catch (RuntimeException e) {
            // the browser may be gone already
        }
        driver.quit();
        ScreenBrowser.removeProfile(profile);
    }
}
