package com.devcard.webhooks.app.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's headless Chromium, driven through its own chromedriver: Selenium is given both
 * executables, so it never looks for (or downloads) a browser or a driver. If they are missing or
 * the browser cannot start, construction throws and the test fails: it is never skipped.
 */
final class Browser implements AutoCloseable {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path SCREENSHOTS = Path.of("target", "portal-screenshots");
  static final Duration PATIENCE = Duration.ofSeconds(20);

  private static final int DESKTOP_WIDTH = 1280;
  private static final int PHONE_WIDTH = 375;

  private final ChromeDriverService service;
  private final ChromeDriver driver;
  private final Path profile;

  Browser() {
    for (Path executable : List.of(CHROMIUM, CHROMEDRIVER)) {
      if (!Files.isExecutable(executable)) {
        throw new IllegalStateException(
            executable + " is missing: install Debian's chromium and chromium-driver packages");
      }
    }
    try {
      profile = Files.createTempDirectory("portal-chromium-");
    } catch (IOException exception) {
      throw new UncheckedIOException(exception);
    }
    service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .withLogOutput(OutputStream.nullOutputStream())
            .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1280,900",
        "--user-data-dir=" + profile);
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
    driver = new ChromeDriver(service, options);
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
    desktop();
  }

  ChromeDriver driver() {
    return driver;
  }

  void open(String url) {
    driver.get(url);
  }

  /** Sets the fragment as a click on a link would, so the page routes without reloading. */
  void route(String hash) {
    script("window.location.hash = arguments[0];", hash);
  }

  Object script(String code, Object... arguments) {
    return ((JavascriptExecutor) driver).executeScript(code, arguments);
  }

  /** Waits until the element is on the page and shown. */
  WebElement waitFor(By locator) {
    return await()
        .atMost(PATIENCE)
        .ignoreExceptions()
        .until(() -> driver.findElement(locator), WebElement::isDisplayed);
  }

  void waitUntil(String what, Supplier<Boolean> condition) {
    await(what)
        .atMost(PATIENCE)
        .ignoreExceptionsInstanceOf(StaleElementReferenceException.class)
        .ignoreExceptionsInstanceOf(NoSuchElementException.class)
        .until(condition::get);
  }

  List<WebElement> all(By locator) {
    return driver.findElements(locator);
  }

  String text(By locator) {
    return waitFor(locator).getText();
  }

  String headingText() {
    return text(By.cssSelector("main h1"));
  }

  /** What the page wrote to its console, and where it is: for the message of a failed wait. */
  String diagnostics() {
    StringBuilder text =
        new StringBuilder("at ")
            .append(driver.getCurrentUrl())
            .append(", showing: ")
            .append(script("return document.querySelector('main').innerText;"))
            .append("; console:");
    for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
      text.append("\n  ").append(entry.getLevel()).append(' ').append(entry.getMessage());
    }
    return text.toString();
  }

  String pageSource() {
    return driver.getPageSource();
  }

  /** The page's whole DOM and storage, as text: what could leak a secret. */
  String everythingThePageHolds() {
    return pageSource()
        + script(
            "return JSON.stringify(Object.entries(sessionStorage))"
                + " + JSON.stringify(Object.entries(localStorage)) + document.cookie;");
  }

  void desktop() {
    metrics(DESKTOP_WIDTH, 900, false);
  }

  void phone() {
    metrics(PHONE_WIDTH, 812, true);
  }

  void scheme(String colorScheme) {
    driver.executeCdpCommand(
        "Emulation.setEmulatedMedia",
        Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", colorScheme))));
  }

  private void metrics(int width, int height, boolean mobile) {
    driver.executeCdpCommand(
        "Emulation.setDeviceMetricsOverride",
        Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", mobile));
  }

  /**
   * Checks the page as it stands with axe-core, then saves it, in light and dark, at desktop and
   * phone width; leaves the browser light and at desktop width.
   */
  void capture(String name, Axe axe) {
    try {
      for (String colorScheme : List.of("light", "dark")) {
        scheme(colorScheme);
        for (boolean onPhone : List.of(false, true)) {
          if (onPhone) {
            phone();
          } else {
            desktop();
          }
          axe.assertNoSeriousViolations(
              this, name + " (" + colorScheme + (onPhone ? ", phone)" : ")"));
          screenshot(name + "-" + colorScheme + (onPhone ? "-phone" : "-desktop"));
        }
      }
    } finally {
      scheme("light");
      desktop();
    }
  }

  /** The whole page, not only what fits the window. */
  Path screenshot(String name) {
    Map<String, Object> layout = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
    @SuppressWarnings("unchecked")
    Map<String, Object> content = (Map<String, Object>) layout.get("cssContentSize");
    @SuppressWarnings("unchecked")
    Map<String, Object> viewport = (Map<String, Object>) layout.get("cssLayoutViewport");
    double width = ((Number) viewport.get("clientWidth")).doubleValue();
    double height = Math.max(((Number) content.get("height")).doubleValue(), 200);
    Object data =
        driver
            .executeCdpCommand(
                "Page.captureScreenshot",
                Map.of(
                    "format",
                    "png",
                    "captureBeyondViewport",
                    true,
                    "clip",
                    Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)))
            .get("data");
    try {
      Files.createDirectories(SCREENSHOTS);
      Path file = SCREENSHOTS.resolve(name + ".png");
      Files.write(file, Base64.getDecoder().decode((String) data));
      assertThat(Files.size(file)).isPositive();
      return file;
    } catch (IOException exception) {
      throw new UncheckedIOException(exception);
    }
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      service.stop();
      deleteProfile();
    }
  }

  private void deleteProfile() {
    try (Stream<Path> files = Files.walk(profile)) {
      files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    } catch (IOException exception) {
      // A profile left in the temp folder harms nothing.
    }
  }
}
