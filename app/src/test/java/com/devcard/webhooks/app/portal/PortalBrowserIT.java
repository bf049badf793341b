package com.devcard.webhooks.app.portal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.devcard.webhooks.app.ApiClient.Response;
import com.devcard.webhooks.app.AppClient;
import com.devcard.webhooks.app.AppTest;
import com.devcard.webhooks.app.TestUser;
import com.devcard.webhooks.delivery.DeliveryStatus;
import com.devcard.webhooks.testkit.Receivers;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The users' page in a real browser against the running service: the whole life of an endpoint as a
 * user lives it, a recovery after an outage, read-only sessions, isolation between users, and
 * refused links. Every page state is checked with axe-core and saved in light and dark, at desktop
 * and phone width.
 *
 * <p>Two kinds of wait, each on a real condition. What the service does (a delivery attempted, a
 * recovery run) is awaited through the API, for as long as the whole suite's shared Temporal may
 * take ({@link #SERVICE_PATIENCE}); only then is the page awaited to show it, within {@link
 * Browser#PATIENCE}, which covers its own refresh. So a slow service never reads as a page that
 * failed to update, and a page that failed to update is never hidden by a long wait.
 */
@AppTest
class PortalBrowserIT {

  /**
   * How long the service may take to attempt, retry or recover a delivery. In the whole suite every
   * {@code @AppTest} class shares one Temporal test server, which slows down as it fills up.
   */
  static final Duration SERVICE_PATIENCE = Duration.ofSeconds(90);

  /** The attempts of a delivery that keeps failing under {@code @AppTest}'s schedule (1s,2s,3s). */
  static final int SCHEDULED_ATTEMPTS = 4;

  static final String SUCCESS = DeliveryStatus.SUCCESS.wireValue();
  static final String FAILED = DeliveryStatus.FAILED.wireValue();

  /** A failed delivery, or one whose latest attempt failed and that waits for its next. */
  static final By FAILING_ROW =
      By.cssSelector(".delivery-row.status-" + FAILED + ", .delivery-row.status-retrying");

  @RegisterExtension static final WireMockExtension receiver = Receivers.perClass();

  static Browser browser;
  static Axe axe;

  @Autowired AppClient app;
  @Autowired JdbcClient jdbc;

  @BeforeAll
  static void start() {
    axe = new Axe();
    browser = new Browser();
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
  }

  @BeforeEach
  void setUp() {
    browser.desktop();
    browser.scheme("light");
  }

  // --- the service, as the DevCard backend and the receivers see it

  private String code(TestUser user, boolean readOnly) {
    Response link =
        app.post(
            "/api/portal-sessions",
            app.portalBackend(),
            "{\"userId\": \"%s\", \"readOnly\": %s}".formatted(user.id(), readOnly));
    assertThat(link.status()).as(link.body()).isEqualTo(201);
    String url = link.json().get("url").asString();
    return url.substring(url.indexOf("#code=") + "#code=".length());
  }

  private String pageUrl() {
    return "http://127.0.0.1:" + app.port() + "/portal";
  }

  /** Opens the page as a magic link does, in a tab without any session yet. */
  private void openLink(String code) {
    browser.open(pageUrl());
    browser.script("sessionStorage.clear();");
    browser.open(pageUrl() + "#code=" + code);
  }

  private void signIn(TestUser user, boolean readOnly) {
    openLink(code(user, readOnly));
    try {
      browser.waitFor(By.id("nav"));
    } catch (ConditionTimeoutException notShown) {
      throw new AssertionError("the page did not open: " + browser.diagnostics(), notShown);
    }
  }

  private String receiverUrl(String path) {
    return "http://127.0.0.1:" + receiver.getPort() + path;
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

  private String endpointOf(TestUser user, String path) {
    Response created =
        app.post(
            "/api/webhooks",
            user.token(),
            "{\"url\": \"%s\", \"events\": [\"card.viewed\"], \"description\": \"Analytics\"}"
                .formatted(receiverUrl(path)));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().get("id").asString();
  }

  private String publish(TestUser user) {
    Response event = app.publish(user.id(), "{\"cardId\": \"c_7\"}");
    assertThat(event.status()).as(event.body()).isEqualTo(202);
    return event.json().get("deliveries").get(0).get("id").asString();
  }

  private JsonNode delivery(TestUser user, String endpointId, String deliveryId) {
    Response delivery =
        app.get("/api/webhooks/" + endpointId + "/deliveries/" + deliveryId, user.token());
    assertThat(delivery.status()).as(delivery.body()).isEqualTo(200);
    return delivery.json();
  }

  /** The endpoint's newest delivery, once there is one. */
  private String newestDelivery(TestUser user, String endpointId) {
    return await("a delivery of " + endpointId)
        .atMost(SERVICE_PATIENCE)
        .until(
            () ->
                app.get("/api/webhooks/" + endpointId + "/deliveries?limit=1", user.token())
                    .json()
                    .get("items"),
            items -> !items.isEmpty())
        .get(0)
        .get("id")
        .asString();
  }

  /** Waits until the service shows the delivery in this status after this many attempts. */
  private void awaitDelivery(
      TestUser user, String endpointId, String deliveryId, DeliveryStatus status, int attempts) {
    await(deliveryId + " " + status.wireValue() + " after " + attempts + " attempts")
        .atMost(SERVICE_PATIENCE)
        .pollInterval(Duration.ofMillis(250))
        .until(
            () -> delivery(user, endpointId, deliveryId),
            delivery ->
                delivery.get("status").asString().equals(status.wireValue())
                    && delivery.get("attempts").asInt() == attempts);
  }

  /** Waits until the delivery has run its whole schedule against a failing receiver. */
  private void awaitFailedForGood(TestUser user, String endpointId, String deliveryId) {
    awaitDelivery(user, endpointId, deliveryId, DeliveryStatus.FAILED, SCHEDULED_ATTEMPTS);
  }

  // --- the page

  private void click(By locator) {
    browser.waitFor(locator).click();
  }

  private WebElement row(String deliveryId, DeliveryStatus status) {
    return browser.waitFor(
        By.cssSelector(
            ".delivery-row[data-delivery-id='%s'][data-status='%s']"
                .formatted(deliveryId, status.wireValue())));
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
    TestUser user = app.newUser();
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
    String test = newestDelivery(user, endpointId);
    awaitDelivery(user, endpointId, test, DeliveryStatus.SUCCESS, 1);
    row(test, DeliveryStatus.SUCCESS);
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
    String failing = newestDelivery(user, failingId);
    awaitFailedForGood(user, failingId, failing);
    row(failing, DeliveryStatus.FAILED);
    browser.waitUntil(
        "the latest error in the row",
        () ->
            row(failing, DeliveryStatus.FAILED)
                .findElement(By.cssSelector(".row-error"))
                .getText()
                .contains("receiver down: database maintenance"));
    assertThat(row(failing, DeliveryStatus.FAILED).getText()).contains("HTTP 503");
    assertNotReloaded();
    browser.capture("endpoint-log-failing", axe);
    click(By.cssSelector(".delivery-row[data-delivery-id='" + failing + "'] a"));
    browser.waitFor(By.cssSelector(".attempt[data-attempt='" + SCHEDULED_ATTEMPTS + "']"));
    List<WebElement> attempts = browser.all(By.cssSelector(".attempt.attempt-failed"));
    assertThat(attempts).hasSize(SCHEDULED_ATTEMPTS);
    for (WebElement attempt : attempts) {
      assertThat(attempt.getText())
          .contains("Scheduled", "503", "receiver down: database maintenance until 10:00");
    }
    click(By.id("retry-delivery"));
    awaitDelivery(user, failingId, failing, DeliveryStatus.FAILED, SCHEDULED_ATTEMPTS + 1);
    WebElement manual =
        browser.waitFor(
            By.cssSelector(".attempt[data-attempt='" + (SCHEDULED_ATTEMPTS + 1) + "']"));
    assertThat(manual.getText()).contains("Manual retry", "503", "database maintenance");
    browser.waitFor(By.cssSelector("#delivery-status .pill-" + FAILED));
    browser.capture("delivery-failed", axe);

    // The receiver is fixed: one click on retry turns the delivery green.
    answer(failingPath, 200, "{\"ok\": true}");
    click(By.id("retry-delivery"));
    awaitDelivery(user, failingId, failing, DeliveryStatus.SUCCESS, SCHEDULED_ATTEMPTS + 2);
    browser.waitFor(By.cssSelector("#delivery-status .pill-" + SUCCESS));
    browser.waitFor(By.cssSelector(".attempt.attempt-" + SUCCESS));
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
    List<LoggedRequest> signed =
        await("the test event signed after the rotation")
            .atMost(SERVICE_PATIENCE)
            .until(() -> receiver.findAll(postRequestedFor(urlEqualTo(okPath))), r -> !r.isEmpty());
    assertThat(signed.getFirst().getHeader("webhook-signature").split(" ")).hasSize(2);

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
    assertThat(app.get("/api/webhooks/" + endpointId, user.token()).status()).isEqualTo(404);
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
    TestUser user = app.newUser();
    String path = "/outage-" + UUID.randomUUID();
    answer(path, 500, "upstream unavailable");
    String endpointId = endpointOf(user, path);
    List<String> deliveries = List.of(publish(user), publish(user));
    for (String deliveryId : deliveries) {
      awaitFailedForGood(user, endpointId, deliveryId);
    }
    answer(path, 204, "");

    signIn(user, false);
    browser.route("#/endpoints/" + endpointId);
    click(By.cssSelector(".chip-button[data-status='" + FAILED + "']"));
    browser.waitUntil(
        "both failed deliveries under the filter",
        () -> browser.all(By.cssSelector(".delivery-row.status-" + FAILED)).size() == 2);
    browser.waitUntil(
        "their latest error",
        () ->
            browser.all(By.cssSelector(".delivery-row .row-error")).stream()
                .allMatch(error -> error.getText().contains("upstream unavailable")));
    assertThat(browser.driver().getCurrentUrl()).endsWith("?status=" + FAILED);
    browser.capture("endpoint-log-failed-filter", axe);

    markWindow();
    click(By.id("start-recovery"));
    await("the recovery to end")
        .atMost(SERVICE_PATIENCE)
        .pollInterval(Duration.ofMillis(250))
        .until(() -> recoveriesEnded(endpointId) == 1);
    browser.waitUntil(
        "the recovery shown complete",
        () -> browser.text(By.id("recovery-status")).contains("Recovery complete"));
    assertThat(browser.text(By.id("recovery-status"))).contains("2 of 2 retried", "2 succeeded");
    browser.waitUntil(
        "the rows to turn green without a reload",
        () ->
            browser.all(By.cssSelector(".delivery-row[data-status='" + SUCCESS + "']")).size()
                == 2);
    assertNotReloaded();
    browser.capture("recovery-complete", axe);
  }

  private int recoveriesEnded(String endpointId) {
    return jdbc.sql(
            "select count(*) from webhook_recoveries"
                + " where endpoint_id = :endpoint and state <> 'running'")
        .param("endpoint", endpointId)
        .query(Integer.class)
        .single();
  }

  @Test
  void theLogPagesBackAndTakesNewDeliveriesOnTopWithoutRepeatingAny() {
    TestUser user = app.newUser();
    String path = "/busy-" + UUID.randomUUID();
    answer(path, 204, "");
    String endpointId = endpointOf(user, path);
    String oldest = publish(user);
    for (int i = 0; i < 20; i++) {
      publish(user);
    }
    // Settled first, so that no row changes while the pages are read.
    await("21 deliveries succeeded")
        .atMost(SERVICE_PATIENCE)
        .pollInterval(Duration.ofMillis(250))
        .until(() -> succeeded(user, endpointId) == 21);

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
    awaitDelivery(user, endpointId, newest, DeliveryStatus.SUCCESS, 1);
    row(newest, DeliveryStatus.SUCCESS);
    assertThat(rowIds()).hasSize(22).doesNotHaveDuplicates().startsWith(newest);
    assertNotReloaded();
  }

  private int succeeded(TestUser user, String endpointId) {
    return app.get(
            "/api/webhooks/" + endpointId + "/deliveries?limit=50&status=" + SUCCESS, user.token())
        .json()
        .get("items")
        .size();
  }

  /** The ids of the rows, top to bottom, read at one instant. */
  @SuppressWarnings("unchecked")
  private List<String> rowIds() {
    return (List<String>)
        browser.script(
            "return Array.from(document.querySelectorAll('.delivery-row'),"
                + " row => row.dataset.deliveryId);");
  }

  @Test
  void aReadOnlySessionShowsNoControlThatChangesAnything() {
    TestUser user = app.newUser();
    String path = "/read-only-" + UUID.randomUUID();
    answer(path, 500, "nope");
    String endpointId = endpointOf(user, path);
    String deliveryId = publish(user);
    awaitFailedForGood(user, endpointId, deliveryId);

    signIn(user, true);
    assertThat(browser.waitFor(By.id("read-only-badge")).getText()).isEqualTo("Read-only");
    browser.waitFor(By.cssSelector(".endpoint-card"));
    assertThat(browser.all(By.id("add-endpoint"))).isEmpty();

    browser.route("#/endpoints/" + endpointId);
    row(deliveryId, DeliveryStatus.FAILED);
    browser.waitFor(
        By.cssSelector(".delivery-row[data-delivery-id='" + deliveryId + "'] .row-error"));
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
    assertThat(app.get("/api/webhooks/" + endpointId, user.token()).status()).isEqualTo(200);
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
    TestUser user = app.newUser();
    TestUser other = app.newUser("other");
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
    TestUser user = app.newUser();

    String expired = code(user, false);
    jdbc.sql(
            "update webhook_portal_sessions set code_expires_at = now() - interval '1 second'"
                + " where user_id = :user")
        .param("user", user.id())
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

    browser.open(pageUrl());
    browser.waitUntil(
        "no session", () -> browser.headingText().equals("Open this page from DevCard"));
  }

  @Test
  void endingTheUsersSessionsClosesAnOpenPage() {
    TestUser user = app.newUser();
    signIn(user, false);
    browser.waitUntil("the page", () -> browser.headingText().equals("Endpoints"));

    assertThat(app.delete("/api/portal-sessions?userId=" + user.id(), app.portalBackend()).status())
        .isEqualTo(204);
    browser.route("#/events");

    browser.waitUntil(
        "the ended page", () -> browser.headingText().equals("Your session has ended"));
    assertThat(browser.script("return sessionStorage.length;")).isEqualTo(0L);
    browser.capture("session-ended", axe);
  }
}
