package com.devcard.webhooks.app.portal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.devcard.webhooks.app.ApiClient;
import com.devcard.webhooks.app.ApiClient.Response;
import com.devcard.webhooks.app.AppTest;
import com.devcard.webhooks.app.TestTokens;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The users' page in a real browser against the running service: the whole life of an endpoint as a
 * user lives it, a recovery after an outage, read-only sessions, isolation between users, and
 * refused links. Every page state is checked with axe-core and saved in light and dark, at desktop
 * and phone width.
 */
@AppTest
class PortalBrowserIT {

  /** A failed delivery, or one whose latest attempt failed and that waits for its next. */
  static final By FAILING_ROW =
      By.cssSelector(".delivery-row.status-failed, .delivery-row.status-retrying");

  static WireMockServer receiver;
  static Browser browser;
  static Axe axe;

  @LocalServerPort int port;

  @Value("${webhooks.jwt.secret}")
  String jwtSecret;

  @Autowired JdbcClient jdbc;

  ApiClient api;
  TestTokens tokens;
  String backend;

  @BeforeAll
  static void start() {
    receiver = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    receiver.start();
    axe = new Axe();
    browser = new Browser();
  }

  @AfterAll
  static void stop() {
    try {
      if (browser != null) {
        browser.close();
      }
    } finally {
      receiver.stop();
    }
  }

  @BeforeEach
  void setUp() {
    api = new ApiClient(port);
    tokens = new TestTokens(jwtSecret);
    backend = tokens.withScope("devcard-backend", "events:publish webhooks:portal");
    browser.desktop();
    browser.scheme("light");
  }

  // --- the service, as the DevCard backend and the receivers see it

  private String code(String userId, boolean readOnly) {
    Response link =
        api.post(
            "/api/portal-sessions",
            backend,
            "{\"userId\": \"%s\", \"readOnly\": %s}".formatted(userId, readOnly));
    assertThat(link.status()).isEqualTo(201);
    String url = link.json().get("url").asString();
    return url.substring(url.indexOf("#code=") + "#code=".length());
  }

  /** Opens the page as a magic link does, in a tab without any session yet. */
  private void openLink(String code) {
    browser.open("http://127.0.0.1:" + port + "/portal");
    browser.script("sessionStorage.clear();");
    browser.open("http://127.0.0.1:" + port + "/portal#code=" + code);
  }

  private void signIn(String userId, boolean readOnly) {
    openLink(code(userId, readOnly));
    try {
      browser.waitFor(By.id("nav"));
    } catch (ConditionTimeoutException notShown) {
      throw new AssertionError("the page did not open: " + browser.diagnostics(), notShown);
    }
  }

  private String receiverUrl(String path) {
    return "http://127.0.0.1:" + receiver.port() + path;
  }

  private static void answer(String path, int status, String body) {
    receiver.stubFor(
        post(urlEqualTo(path))
            .willReturn(
                aResponse()
                    .withStatus(status)
                    .withHeader("Content-Type", "text/plain")
                    .withBody(body)));
  }

  private String endpointOf(String userId, String path) {
    Response created =
        api.post(
            "/api/webhooks",
            tokens.user(userId),
            "{\"url\": \"%s\", \"events\": [\"card.viewed\"], \"description\": \"Analytics\"}"
                .formatted(receiverUrl(path)));
    assertThat(created.status()).isEqualTo(201);
    return created.json().get("id").asString();
  }

  private String publish(String userId) {
    Response event =
        api.post(
            "/api/events",
            backend,
            "{\"userId\": \"%s\", \"type\": \"card.viewed\", \"data\": {\"cardId\": \"c_7\"}}"
                .formatted(userId));
    assertThat(event.status()).isEqualTo(202);
    return event.json().get("deliveries").get(0).get("id").asString();
  }

  private JsonNode delivery(String userId, String endpointId, String deliveryId) {
    Response delivery =
        api.get("/api/webhooks/" + endpointId + "/deliveries/" + deliveryId, tokens.user(userId));
    assertThat(delivery.status()).isEqualTo(200);
    return delivery.json();
  }

  private String status(String userId, String endpointId, String deliveryId) {
    return delivery(userId, endpointId, deliveryId).get("status").asString();
  }

  private static boolean waitingOrFailed(JsonNode delivery) {
    String status = delivery.get("status").asString();
    return status.equals("failed")
        || (status.equals("pending")
            && delivery.get("attempts").asInt() > 0
            && !delivery.path("nextRetryAt").isNull());
  }

  /**
   * Waits until the delivery has failed for good or waits for its next attempt, with the same
   * number of attempts for two seconds: a test server that skips the waits between attempts runs
   * the whole schedule in moments, one that keeps real time waits 30 s after the first.
   */
  private int settledAttempts(String userId, String endpointId, String deliveryId) {
    AtomicInteger seen = new AtomicInteger(-1);
    await()
        .atMost(Duration.ofSeconds(60))
        .during(Duration.ofSeconds(2))
        .pollInterval(Duration.ofMillis(250))
        .until(
            () -> {
              JsonNode delivery = delivery(userId, endpointId, deliveryId);
              int attempts = delivery.get("attempts").asInt();
              return seen.getAndSet(attempts) == attempts && waitingOrFailed(delivery);
            });
    return delivery(userId, endpointId, deliveryId).get("attempts").asInt();
  }

  /**
   * Drives the delivery to the end of its schedule: whenever it waits for its next attempt, a retry
   * makes that attempt now, until the last one has failed.
   */
  private void failCompletely(String userId, String endpointId, String deliveryId) {
    AtomicInteger retriedAt = new AtomicInteger(0);
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(250))
        .until(
            () -> {
              JsonNode delivery = delivery(userId, endpointId, deliveryId);
              if (delivery.get("status").asString().equals("failed")) {
                return true;
              }
              int attempts = delivery.get("attempts").asInt();
              if (waitingOrFailed(delivery) && retriedAt.get() < attempts) {
                retriedAt.set(attempts);
                api.post(
                    "/api/webhooks/" + endpointId + "/deliveries/" + deliveryId + "/retry",
                    tokens.user(userId),
                    "{}");
              }
              return false;
            });
  }

  // --- the page

  private void click(By locator) {
    browser.waitFor(locator).click();
  }

  private WebElement row(String status) {
    return browser.waitFor(By.cssSelector(".delivery-row[data-status='" + status + "']"));
  }

  /** Marks the window; a reload would lose the mark. */
  private void markWindow() {
    browser.script("window.__sameDocument = true;");
  }

  private void assertNotReloaded() {
    assertThat(browser.script("return window.__sameDocument === true;")).isEqualTo(true);
  }

  private String fillEndpointForm(String url, String description) {
    WebElement field = browser.waitFor(By.cssSelector("#endpoint-form input[name='url']"));
    field.clear();
    field.sendKeys(url);
    WebElement text = browser.waitFor(By.cssSelector("#endpoint-form input[name='description']"));
    text.clear();
    text.sendKeys(description);
    click(By.id("save-endpoint"));
    String secret = browser.text(By.cssSelector("#new-secret .secret-value"));
    assertThat(secret).startsWith("whsec_");
    return secret;
  }

  @Test
  void aUserManagesAnEndpointFromTheMagicLinkToItsDeletion() {
    String user = "user-" + UUID.randomUUID();
    String okPath = "/ok-" + UUID.randomUUID();
    String failingPath = "/failing-" + UUID.randomUUID();
    answer(okPath, 204, "");
    answer(failingPath, 503, "receiver down: database maintenance until 10:00");

    // The magic link opens the page; its code leaves the address, no cookie is set.
    signIn(user, false);
    assertThat(browser.driver().getCurrentUrl()).doesNotContain("code=");
    assertThat(browser.driver().manage().getCookies()).isEmpty();
    assertThat(browser.headingText()).isEqualTo("Endpoints");
    browser.waitFor(By.cssSelector(".empty"));
    browser.capture("endpoints-empty", axe);

    // The API's own validation, placed under the field that caused it.
    click(By.id("add-endpoint"));
    WebElement url = browser.waitFor(By.cssSelector("#endpoint-form input[name='url']"));
    url.sendKeys("ftp://hooks.example.com/in");
    click(By.id("save-endpoint"));
    WebElement urlError = browser.waitFor(By.cssSelector("[data-field='url'] .field-error"));
    assertThat(urlError.getText()).isNotBlank();
    assertThat(url.getAttribute("aria-invalid")).isEqualTo("true");
    browser.capture("endpoint-form-error", axe);

    // Created: the secret is shown once, then never again, not even after a reload.
    String secret = fillEndpointForm(receiverUrl(okPath), "CRM sync");
    browser.capture("endpoint-created", axe);
    click(By.id("secret-stored"));
    browser.waitUntil("the endpoint page", () -> browser.headingText().equals(receiverUrl(okPath)));
    String endpointId = browser.text(By.id("endpoint-id"));
    assertThat(browser.everythingThePageHolds()).doesNotContain(secret);
    browser.driver().navigate().refresh();
    browser.waitUntil(
        "the endpoint page again", () -> browser.headingText().equals(receiverUrl(okPath)));
    assertThat(browser.everythingThePageHolds()).doesNotContain(secret);

    // A test event appears as a success in the open log, without a reload.
    markWindow();
    click(By.id("send-test"));
    row("success");
    assertNotReloaded();
    receiver.verify(postRequestedFor(urlEqualTo(okPath)));
    browser.capture("endpoint-log", axe);

    // Edit: the change is on the page at once.
    click(By.id("edit-endpoint"));
    WebElement description =
        browser.waitFor(By.cssSelector("#endpoint-form input[name='description']"));
    description.clear();
    description.sendKeys("CRM sync (staging)");
    click(By.id("save-endpoint"));
    browser.waitUntil(
        "the new description",
        () -> browser.text(By.cssSelector(".endpoint-summary .lede")).equals("CRM sync (staging)"));

    // Disabled, it refuses a test event: the API's problem appears next to the actions.
    click(By.id("toggle-endpoint"));
    click(By.cssSelector("dialog .btn-primary"));
    browser.waitUntil(
        "the endpoint disabled", () -> browser.text(By.id("endpoint-status")).contains("Disabled"));
    click(By.id("send-test"));
    assertThat(browser.text(By.cssSelector(".endpoint-header .problem")))
        .contains("Endpoint inactive", "isActive");
    browser.capture("endpoint-disabled", axe);
    click(By.id("toggle-endpoint"));
    browser.waitUntil(
        "the endpoint enabled", () -> browser.text(By.id("endpoint-status")).contains("Active"));
    assertThat(browser.all(By.cssSelector(".endpoint-header .problem")))
        .allMatch(p -> !p.isDisplayed());

    // A receiver that fails: the row is marked and says why; the delivery shows every attempt.
    browser.route("#/endpoints/new");
    fillEndpointForm(receiverUrl(failingPath), "Analytics");
    click(By.id("secret-stored"));
    browser.waitUntil(
        "the failing endpoint's page",
        () -> browser.headingText().equals(receiverUrl(failingPath)));
    String failingId = browser.text(By.id("endpoint-id"));
    markWindow();
    click(By.id("send-test"));
    WebElement failing = browser.waitFor(FAILING_ROW);
    String failingDelivery = failing.getAttribute("data-delivery-id");
    int scheduled = settledAttempts(user, failingId, failingDelivery);
    browser.waitUntil(
        "the latest error in the row",
        () ->
            browser
                .waitFor(FAILING_ROW)
                .findElement(By.cssSelector(".row-error"))
                .getText()
                .contains("receiver down: database maintenance"));
    assertThat(browser.text(FAILING_ROW)).contains("HTTP 503");
    assertNotReloaded();
    browser.capture("endpoint-log-failing", axe);
    click(By.cssSelector(".delivery-row[data-delivery-id='" + failingDelivery + "'] a"));
    browser.waitFor(By.cssSelector(".attempt[data-attempt='" + scheduled + "']"));
    List<WebElement> attempts = browser.all(By.cssSelector(".attempt.attempt-failed"));
    assertThat(attempts).hasSize(scheduled);
    for (WebElement attempt : attempts) {
      assertThat(attempt.getText())
          .contains("Scheduled", "503", "receiver down: database maintenance until 10:00");
    }
    click(By.id("retry-delivery"));
    WebElement manual =
        browser.waitFor(By.cssSelector(".attempt[data-attempt='" + (scheduled + 1) + "']"));
    assertThat(manual.getText()).contains("Manual retry", "503", "database maintenance");
    browser.waitFor(
        By.cssSelector("#delivery-status .pill-failed, #delivery-status .pill-retrying"));
    browser.capture("delivery-failed", axe);

    // The receiver is fixed: one click on retry turns the delivery green.
    answer(failingPath, 200, "{\"ok\": true}");
    settledAttempts(user, failingId, failingDelivery);
    click(By.id("retry-delivery"));
    browser.waitFor(By.cssSelector("#delivery-status .pill-success"));
    browser.waitFor(By.cssSelector(".attempt.attempt-success"));
    assertNotReloaded();
    browser.capture("delivery-succeeded", axe);

    // Rotate with a grace period: the new secret once; both sign until the grace ends.
    browser.route("#/endpoints/" + endpointId);
    click(By.id("rotate-secret"));
    new Select(browser.waitFor(By.id("grace-seconds"))).selectByValue("3600");
    browser.capture("rotate-dialog", axe);
    click(By.id("confirm-rotate"));
    String rotated = browser.text(By.cssSelector("dialog .secret-value"));
    assertThat(rotated).startsWith("whsec_").isNotEqualTo(secret);
    assertThat(browser.text(By.cssSelector("dialog"))).contains("keeps signing until");
    browser.capture("rotate-secret-shown", axe);
    click(By.id("rotated-secret-stored"));
    browser.waitUntil("the dialog to close", () -> browser.all(By.cssSelector("dialog")).isEmpty());
    assertThat(browser.everythingThePageHolds()).doesNotContain(secret, rotated);
    receiver.resetRequests();
    click(By.id("send-test"));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> !receiver.findAll(postRequestedFor(urlEqualTo(okPath))).isEmpty());
    LoggedRequest signed = receiver.findAll(postRequestedFor(urlEqualTo(okPath))).get(0);
    assertThat(signed.getHeader("webhook-signature").split(" ")).hasSize(2);

    // Delete, after saying what it does.
    click(By.id("delete-endpoint"));
    browser.waitFor(By.cssSelector("dialog .btn-danger"));
    browser.capture("delete-confirm", axe);
    click(By.cssSelector("dialog .btn-danger"));
    browser.waitUntil("the endpoint list", () -> browser.headingText().equals("Endpoints"));
    browser.waitUntil(
        "the deleted endpoint gone from the list",
        () ->
            browser.all(By.cssSelector("[data-endpoint-id='" + endpointId + "']")).isEmpty()
                && browser.all(By.cssSelector(".endpoint-card")).size() == 1);
    assertThat(api.get("/api/webhooks/" + endpointId, tokens.user(user)).status()).isEqualTo(404);
    browser.capture("endpoints", axe);

    // The catalog, with an example body per type.
    browser.route("#/events");
    browser.waitFor(By.cssSelector("#catalog [data-type='card.viewed'] pre"));
    assertThat(browser.all(By.cssSelector("#catalog .event-type"))).hasSizeGreaterThanOrEqualTo(3);
    assertThat(browser.text(By.cssSelector("#catalog [data-type='contact.saved'] pre")))
        .contains("\"type\": \"contact.saved\"", "\"data\": {");
    browser.capture("event-catalog", axe);
  }

  @Test
  void afterAnOutageARecoveryRetriesTheFailedDeliveriesAndShowsItsProgress() {
    String user = "user-" + UUID.randomUUID();
    String path = "/outage-" + UUID.randomUUID();
    answer(path, 500, "upstream unavailable");
    String endpointId = endpointOf(user, path);
    List<String> deliveries = List.of(publish(user), publish(user));
    for (String deliveryId : deliveries) {
      failCompletely(user, endpointId, deliveryId);
    }
    answer(path, 204, "");

    signIn(user, false);
    browser.route("#/endpoints/" + endpointId);
    click(By.cssSelector(".chip-button[data-status='failed']"));
    browser.waitUntil(
        "both failed deliveries under the filter",
        () -> browser.all(By.cssSelector(".delivery-row.status-failed")).size() == 2);
    browser.waitUntil(
        "their latest error",
        () ->
            browser.all(By.cssSelector(".delivery-row .row-error")).stream()
                .allMatch(error -> error.getText().contains("upstream unavailable")));
    assertThat(browser.driver().getCurrentUrl()).endsWith("?status=failed");
    browser.capture("endpoint-log-failed-filter", axe);

    markWindow();
    click(By.id("start-recovery"));
    browser.waitUntil(
        "the recovery to complete",
        () -> browser.text(By.id("recovery-status")).contains("Recovery complete"));
    assertThat(browser.text(By.id("recovery-status"))).contains("2 of 2 retried", "2 succeeded");
    browser.waitUntil(
        "the rows to turn green without a reload",
        () -> browser.all(By.cssSelector(".delivery-row[data-status='success']")).size() == 2);
    assertNotReloaded();
    browser.capture("recovery-complete", axe);
  }

  @Test
  void theLogPagesBackAndTakesNewDeliveriesOnTopWithoutRepeatingAny() {
    String user = "user-" + UUID.randomUUID();
    String path = "/busy-" + UUID.randomUUID();
    answer(path, 204, "");
    String endpointId = endpointOf(user, path);
    String oldest = publish(user);
    for (int i = 0; i < 20; i++) {
      publish(user);
    }
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> status(user, endpointId, oldest).equals("success"));

    signIn(user, false);
    browser.route("#/endpoints/" + endpointId);
    browser.waitUntil("the first page", () -> rowIds().size() == 20);
    assertThat(rowIds()).doesNotContain(oldest);
    click(By.id("older-deliveries"));
    browser.waitUntil("the older page", () -> rowIds().size() == 21);
    assertThat(rowIds().getLast()).isEqualTo(oldest);
    assertThat(browser.waitFor(By.id("log-title")).isDisplayed()).isTrue();
    assertThat(browser.all(By.id("older-deliveries")).get(0).isDisplayed()).isFalse();

    markWindow();
    String newest = publish(user);
    browser.waitUntil("the new delivery on top", () -> rowIds().size() == 22);
    assertThat(rowIds().getFirst()).isEqualTo(newest);
    assertThat(rowIds()).doesNotHaveDuplicates();
    assertNotReloaded();
  }

  private List<String> rowIds() {
    return browser.all(By.cssSelector(".delivery-row")).stream()
        .map(row -> row.getAttribute("data-delivery-id"))
        .toList();
  }

  @Test
  void aReadOnlySessionShowsNoControlThatChangesAnything() {
    String user = "user-" + UUID.randomUUID();
    String path = "/read-only-" + UUID.randomUUID();
    answer(path, 500, "nope");
    String endpointId = endpointOf(user, path);
    String deliveryId = publish(user);
    settledAttempts(user, endpointId, deliveryId);

    signIn(user, true);
    assertThat(browser.waitFor(By.id("read-only-badge")).getText()).isEqualTo("Read-only");
    browser.waitFor(By.cssSelector(".endpoint-card"));
    assertThat(browser.all(By.id("add-endpoint"))).isEmpty();

    browser.route("#/endpoints/" + endpointId);
    browser.waitFor(FAILING_ROW).findElement(By.cssSelector(".row-error"));
    assertThat(browser.all(By.id("endpoint-actions"))).isEmpty();
    assertThat(browser.all(By.id("recovery-form"))).isEmpty();
    assertThat(browser.all(By.cssSelector(".row-retry"))).isEmpty();
    assertOnlyHarmlessControls();
    browser.capture("read-only-endpoint", axe);

    browser.route("#/endpoints/" + endpointId + "/deliveries/" + deliveryId);
    browser.waitFor(By.cssSelector(".attempt[data-attempt='1']"));
    assertThat(browser.all(By.id("retry-delivery"))).isEmpty();
    assertOnlyHarmlessControls();

    browser.route("#/endpoints/new");
    browser.waitUntil(
        "the read-only notice", () -> browser.headingText().equals("Read-only session"));
    assertThat(browser.all(By.cssSelector("form"))).isEmpty();

    // Even a request made by hand with the page's own token is refused.
    Object status =
        browser
            .driver()
            .executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                    + "const session = JSON.parse(sessionStorage.getItem("
                    + "'devcard-webhooks.portal-session'));"
                    + "fetch('/api/webhooks/' + arguments[0], {method: 'DELETE',"
                    + " headers: {Authorization: 'Bearer ' + session.token}})"
                    + ".then(r => done(r.status));",
                endpointId);
    assertThat(status).isEqualTo(403L);
    assertThat(api.get("/api/webhooks/" + endpointId, tokens.user(user)).status()).isEqualTo(200);
  }

  /** Buttons that only show or copy: filters, tabs, copy, older pages. */
  private void assertOnlyHarmlessControls() {
    for (WebElement control : browser.all(By.cssSelector("main button, main input, main select"))) {
      if (!control.isDisplayed()) {
        continue;
      }
      String classes = String.valueOf(control.getAttribute("class"));
      boolean harmless =
          classes.contains("chip-button")
              || classes.contains("copy")
              || "tab".equals(control.getAttribute("role"))
              || "older-deliveries".equals(control.getAttribute("id"));
      assertThat(harmless).as("control %s on a read-only page", control.getText()).isTrue();
    }
  }

  @Test
  void aSessionNeverShowsAnotherUsersDataEvenWithTheirIdsInTheAddress() {
    String user = "user-" + UUID.randomUUID();
    String other = "user-" + UUID.randomUUID();
    String othersPath = "/others-private-" + UUID.randomUUID();
    answer(othersPath, 204, "");
    String othersEndpoint = endpointOf(other, othersPath);
    String othersDelivery = publish(other);
    String ownEndpoint = endpointOf(user, "/own-" + UUID.randomUUID());

    signIn(user, false);
    browser.waitFor(By.cssSelector(".endpoint-card"));
    assertThat(browser.all(By.cssSelector(".endpoint-card"))).hasSize(1);

    browser.route("#/endpoints/" + othersEndpoint);
    browser.waitUntil("not found", () -> browser.headingText().equals("Endpoint not found"));
    assertThat(browser.pageSource()).doesNotContain(othersPath);
    browser.capture("endpoint-not-found", axe);

    browser.route("#/endpoints/" + othersEndpoint + "/deliveries/" + othersDelivery);
    browser.waitUntil("not found", () -> browser.headingText().equals("Delivery not found"));
    browser.route("#/endpoints/" + ownEndpoint + "/deliveries/" + othersDelivery);
    browser.waitUntil("not found", () -> browser.headingText().equals("Delivery not found"));
    assertThat(browser.pageSource()).doesNotContain(othersPath, othersDelivery + "\"");

    browser.route("#/endpoints/" + othersEndpoint + "/edit");
    browser.waitUntil("not found", () -> browser.headingText().equals("Not found"));
    assertThat(browser.pageSource()).doesNotContain(othersPath);
  }

  @Test
  void anExpiredOrReusedLinkIsRefusedWithAClearPage() {
    String user = "user-" + UUID.randomUUID();

    String expired = code(user, false);
    jdbc.sql(
            "update webhook_portal_sessions set code_expires_at = now() - interval '1 second'"
                + " where user_id = :user")
        .param("user", user)
        .update();
    openLink(expired);
    browser.waitUntil("the refusal", () -> browser.headingText().equals("Link expired"));
    assertThat(browser.text(By.cssSelector(".gate"))).contains("5 minutes", "new link");
    assertThat(browser.waitFor(By.id("gate-title")).isDisplayed()).isTrue();
    assertThat(browser.all(By.cssSelector("#nav")).get(0).isDisplayed()).isFalse();
    browser.capture("link-expired", axe);

    String used = code(user, false);
    openLink(used);
    browser.waitUntil("the page", () -> browser.headingText().equals("Endpoints"));
    openLink(used);
    browser.waitUntil("the refusal", () -> browser.headingText().equals("Link already used"));
    assertThat(browser.script("return sessionStorage.length;")).isEqualTo(0L);

    browser.open("http://127.0.0.1:" + port + "/portal");
    browser.waitUntil(
        "no session", () -> browser.headingText().equals("Open this page from DevCard"));
  }

  @Test
  void endingTheUsersSessionsClosesAnOpenPage() {
    String user = "user-" + UUID.randomUUID();
    signIn(user, false);
    browser.waitUntil("the page", () -> browser.headingText().equals("Endpoints"));

    assertThat(api.delete("/api/portal-sessions?userId=" + user, backend).status()).isEqualTo(204);
    browser.route("#/events");

    browser.waitUntil(
        "the ended page", () -> browser.headingText().equals("Your session has ended"));
    assertThat(browser.script("return sessionStorage.length;")).isEqualTo(0L);
    browser.capture("session-ended", axe);
  }
}
