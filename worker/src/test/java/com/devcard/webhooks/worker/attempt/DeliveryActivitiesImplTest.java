package com.devcard.webhooks.worker.attempt;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.within;

import com.devcard.webhooks.delivery.DeliveryStatus;
import com.devcard.webhooks.store.delivery.Attempt;
import com.devcard.webhooks.store.delivery.DeliveryDetail;
import com.devcard.webhooks.store.endpoint.CreatedEndpoint;
import com.devcard.webhooks.store.endpoint.EndpointChanges;
import com.devcard.webhooks.store.secret.SecretCipher;
import com.devcard.webhooks.store.secret.SecretGenerator;
import com.devcard.webhooks.store.testing.EmbeddedDatabase;
import com.devcard.webhooks.store.testing.TestStore;
import com.devcard.webhooks.workflows.AttemptOutcome;
import com.devcard.webhooks.workflows.AttemptRequest;
import com.devcard.webhooks.workflows.AttemptTrigger;
import com.devcard.webhooks.workflows.CancelledRun;
import com.devcard.webhooks.workflows.DeliveryActivities;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.standardwebhooks.Webhook;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The attempt activity against a real PostgreSQL, a real HTTP receiver and Temporal's activity
 * environment, which gives each call a real activity context (run id, activity id).
 */
class DeliveryActivitiesImplTest {

  @RegisterExtension
  static WireMockExtension receiver =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final String EVENT_TYPE = "card.viewed";
  private static final Duration NEXT_DELAY = Duration.ofSeconds(30);

  private static TestStore store;

  private final String userId = "user_" + UUID.randomUUID();

  // A 1 s deadline: the timeout tests below wait for it.
  @RegisterExtension
  final TestActivities wiring = TestActivities.on(store).withTimeout(Duration.ofSeconds(1));

  private final SimpleMeterRegistry meters = wiring.meters();

  private final List<AutoCloseable> toClose = new java.util.ArrayList<>();

  @BeforeAll
  static void database() {
    store = TestStore.fresh();
  }

  @AfterAll
  static void noMore() {
    store = null;
  }

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable closeable : toClose) {
      closeable.close();
    }
  }

  @Test
  void aDeliveryArrivesWithEveryHeaderAndBothSignaturesVerify() throws Exception {
    receiver.stubFor(post("/hook").willReturn(aResponse().withStatus(200).withBody("thanks")));
    CreatedEndpoint endpoint = endpoint(receiverUrl("/hook"));
    String payload = payload();
    String deliveryId = dispatch(endpoint, payload);
    long before = Instant.now().getEpochSecond();

    AttemptOutcome outcome = activities(true).attempt(scheduled(deliveryId, NEXT_DELAY));

    assertThat(outcome).isEqualTo(new AttemptOutcome(1, DeliveryStatus.SUCCESS, 200, true));
    LoggedRequest request = onlyRequestTo("/hook");
    byte[] body = request.getBody();
    assertThat(body).isEqualTo(payload.getBytes(StandardCharsets.UTF_8));
    assertThat(request.getHeader("Content-Type")).isEqualTo("application/json");
    assertThat(request.getHeader("User-Agent")).isEqualTo("DevCard-Webhooks/test");
    assertThat(request.getHeader("X-DevCard-Event")).isEqualTo(EVENT_TYPE);
    assertThat(request.getHeader("X-DevCard-Delivery")).isEqualTo(deliveryId);
    assertThat(request.getHeader("webhook-id")).isEqualTo(deliveryId);
    long timestamp = Long.parseLong(request.getHeader("webhook-timestamp"));
    assertThat(timestamp).isBetween(before, Instant.now().getEpochSecond());
    assertThat(request.containsHeader("X-DevCard-Signature-Previous")).isFalse();

    String secret = endpoint.secret();
    assertThat(request.getHeader("X-DevCard-Signature")).isEqualTo(githubStyle(secret, body));
    assertThat(request.getHeader("webhook-signature"))
        .isEqualTo(standard(secret, deliveryId, timestamp, body));
    assertThatCode(() -> new Webhook(secret).verify(payload, standardHeaders(request)))
        .doesNotThrowAnyException();

    DeliveryDetail detail = detail(endpoint, deliveryId);
    assertThat(detail.delivery().status()).isEqualTo(DeliveryStatus.SUCCESS);
    assertThat(detail.delivery().nextRetryAt()).isNull();
    Attempt attempt = detail.attemptLog().getFirst();
    assertThat(attempt.trigger()).isEqualTo("scheduled");
    assertThat(attempt.responseCode()).isEqualTo(200);
    assertThat(attempt.responseBody()).isEqualTo("thanks");
    assertThat(attempt.error()).isNull();
    assertThat(
            meters
                .get(AttemptMetrics.ATTEMPTS)
                .tag("outcome", "success")
                .tag("status_class", "2xx")
                .counter()
                .count())
        .isEqualTo(1);
    assertThat(meters.get(AttemptMetrics.DURATION).tag("outcome", "success").timer().count())
        .isEqualTo(1);
  }

  @Test
  void duringARotationBothSecretsSignAndEachVerifies() throws Exception {
    receiver.stubFor(post("/rotated").willReturn(aResponse().withStatus(204)));
    CreatedEndpoint endpoint = endpoint(receiverUrl("/rotated"));
    String previous = endpoint.secret();
    String current = rotateSecret(endpoint);
    String payload = payload();
    String deliveryId = dispatch(endpoint, payload);

    AttemptOutcome outcome = activities(true).attempt(scheduled(deliveryId, NEXT_DELAY));

    assertThat(outcome.succeeded()).isTrue();
    LoggedRequest request = onlyRequestTo("/rotated");
    byte[] body = request.getBody();
    long timestamp = Long.parseLong(request.getHeader("webhook-timestamp"));
    assertThat(request.getHeader("X-DevCard-Signature")).isEqualTo(githubStyle(current, body));
    assertThat(request.getHeader("X-DevCard-Signature-Previous"))
        .isEqualTo(githubStyle(previous, body));
    assertThat(request.getHeader("webhook-signature"))
        .isEqualTo(
            standard(current, deliveryId, timestamp, body)
                + " "
                + standard(previous, deliveryId, timestamp, body));
    assertThatCode(() -> new Webhook(current).verify(payload, standardHeaders(request)))
        .doesNotThrowAnyException();
    assertThatCode(() -> new Webhook(previous).verify(payload, standardHeaders(request)))
        .doesNotThrowAnyException();
  }

  @Test
  void everyAttemptSendsTheSameBodyBytesAndAFailureSchedulesTheNext() {
    receiver.stubFor(post("/flaky").willReturn(aResponse().withStatus(503).withBody("later")));
    CreatedEndpoint endpoint = endpoint(receiverUrl("/flaky"));
    String payload = payload();
    String deliveryId = dispatch(endpoint, payload);
    DeliveryActivities activities = activities(true);

    AttemptOutcome first = activities.attempt(scheduled(deliveryId, NEXT_DELAY));
    Instant endOfSecond = Instant.now();
    AttemptOutcome second = activities.attempt(scheduled(deliveryId, NEXT_DELAY));

    assertThat(first).isEqualTo(new AttemptOutcome(1, DeliveryStatus.PENDING, 503, false));
    assertThat(second).isEqualTo(new AttemptOutcome(2, DeliveryStatus.PENDING, 503, false));
    List<LoggedRequest> requests = receiver.findAll(postRequestedFor(urlEqualTo("/flaky")));
    assertThat(requests).hasSize(2);
    assertThat(requests.get(0).getBody())
        .isEqualTo(requests.get(1).getBody())
        .isEqualTo(payload.getBytes(StandardCharsets.UTF_8));
    assertThat(requests.get(0).getHeader("webhook-id"))
        .isEqualTo(requests.get(1).getHeader("webhook-id"));
    DeliveryDetail detail = detail(endpoint, deliveryId);
    assertThat(detail.delivery().nextRetryAt())
        .isCloseTo(endOfSecond.plus(NEXT_DELAY), within(2, ChronoUnit.SECONDS));
    assertThat(detail.attemptLog()).extracting(Attempt::attempt).containsExactly(1, 2);
  }

  @Test
  void aFailedLastAttemptEndsTheDeliveryFailed() {
    receiver.stubFor(post("/down").willReturn(aResponse().withStatus(500)));
    CreatedEndpoint endpoint = endpoint(receiverUrl("/down"));
    String deliveryId = dispatch(endpoint, payload());

    AttemptOutcome outcome = activities(true).attempt(scheduled(deliveryId, null));

    assertThat(outcome).isEqualTo(new AttemptOutcome(1, DeliveryStatus.FAILED, 500, false));
    assertThat(detail(endpoint, deliveryId).delivery().nextRetryAt()).isNull();
  }

  @Test
  void aRetryAfterLongerThanTheDelayMovesTheNextRetryAndIsLogged() {
    receiver.stubFor(
        post("/busy").willReturn(aResponse().withStatus(503).withHeader("Retry-After", "120")));
    CreatedEndpoint endpoint = endpoint(receiverUrl("/busy"));
    String deliveryId = dispatch(endpoint, payload());

    AttemptOutcome outcome = activities(true).attempt(scheduled(deliveryId, NEXT_DELAY));
    Instant ended = Instant.now();

    assertThat(outcome.retryAfter()).isEqualTo(Duration.ofSeconds(120));
    assertThat(outcome.deliveryStatus()).isEqualTo(DeliveryStatus.PENDING);
    DeliveryDetail detail = detail(endpoint, deliveryId);
    assertThat(detail.delivery().nextRetryAt())
        .isCloseTo(ended.plusSeconds(120), within(2, ChronoUnit.SECONDS));
    assertThat(detail.attemptLog().getFirst().retryAfter()).isEqualTo(Duration.ofSeconds(120));
  }

  @Test
  void aRetryAfterShorterThanTheDelayKeepsTheScheduleButIsLogged() {
    receiver.stubFor(
        post("/brief").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "5")));
    CreatedEndpoint endpoint = endpoint(receiverUrl("/brief"));
    String deliveryId = dispatch(endpoint, payload());

    activities(true).attempt(scheduled(deliveryId, NEXT_DELAY));
    Instant ended = Instant.now();

    DeliveryDetail detail = detail(endpoint, deliveryId);
    assertThat(detail.delivery().nextRetryAt())
        .isCloseTo(ended.plus(NEXT_DELAY), within(2, ChronoUnit.SECONDS));
    assertThat(detail.attemptLog().getFirst().retryAfter()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void anAbsurdRetryAfterIsCappedAtTheMaximumAndLoggedAsAsked() {
    receiver.stubFor(
        post("/greedy")
            .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "999999")));
    CreatedEndpoint endpoint = endpoint(receiverUrl("/greedy"));
    String deliveryId = dispatch(endpoint, payload());

    AttemptOutcome outcome = activities(true).attempt(scheduled(deliveryId, NEXT_DELAY));
    Instant ended = Instant.now();

    assertThat(outcome.retryAfter()).isEqualTo(Duration.ofHours(1));
    assertThat(detail(endpoint, deliveryId).delivery().nextRetryAt())
        .isCloseTo(ended.plus(Duration.ofHours(1)), within(2, ChronoUnit.SECONDS));
    assertThat(detail(endpoint, deliveryId).attemptLog().getFirst().retryAfter())
        .isEqualTo(Duration.ofSeconds(999_999));
  }

  @Test
  void aRetryAfterOnTheLastAttemptAddsNone() {
    receiver.stubFor(
        post("/last").willReturn(aResponse().withStatus(503).withHeader("Retry-After", "60")));
    CreatedEndpoint endpoint = endpoint(receiverUrl("/last"));
    String deliveryId = dispatch(endpoint, payload());

    AttemptOutcome outcome = activities(true).attempt(scheduled(deliveryId, null));

    assertThat(outcome.deliveryStatus()).isEqualTo(DeliveryStatus.FAILED);
    assertThat(detail(endpoint, deliveryId).delivery().nextRetryAt()).isNull();
  }

  @Test
  void a410EndsTheDeliveryFailedEvenWithRetriesLeft() {
    receiver.stubFor(post("/gone").willReturn(aResponse().withStatus(410)));
    CreatedEndpoint endpoint = endpoint(receiverUrl("/gone"));
    String deliveryId = dispatch(endpoint, payload());

    AttemptOutcome outcome = activities(true).attempt(scheduled(deliveryId, NEXT_DELAY));

    assertThat(outcome.gone()).isTrue();
    assertThat(outcome.deliveryStatus()).isEqualTo(DeliveryStatus.FAILED);
    assertThat(detail(endpoint, deliveryId).delivery().nextRetryAt()).isNull();
  }

  @Test
  void anAttemptOverTheRateLimitIsNotMadeButGivenASlot() {
    TwoDeliveries limited = twoDeliveriesLimitedToOnePerSecond("/limited");
    CreatedEndpoint endpoint = limited.endpoint();
    String first = limited.first();
    String second = limited.second();
    DeliveryActivities activities = activities(true);

    long beforeFirst = System.nanoTime();
    AttemptOutcome made = activities.attempt(paced(first));
    AttemptOutcome waiting = activities.attempt(paced(second));
    // The first slot was taken within this time: the second waits out the rest of its second.
    Duration sinceFirst = Duration.ofNanos(System.nanoTime() - beforeFirst);

    assertThat(made.succeeded()).isTrue();
    assertThat(waiting.waitsForSlot()).isTrue();
    assertThat(waiting.attemptNumber()).isZero();
    assertThat(waiting.deliveryStatus()).isEqualTo(DeliveryStatus.PENDING);
    // one a second, queued 5% further apart
    assertThat(waiting.slotWait())
        .isBetween(Duration.ofMillis(1050).minus(sinceFirst), Duration.ofMillis(1050));
    assertThat(receiver.findAll(postRequestedFor(urlEqualTo("/limited")))).hasSize(1);
    assertThat(detail(endpoint, second).attemptLog()).isEmpty();
    assertThat(detail(endpoint, second).delivery().status()).isEqualTo(DeliveryStatus.PENDING);
    assertThat(meters.get(AttemptMetrics.THROTTLED).counter().count()).isEqualTo(1);
  }

  /**
   * A bulk recovery's item and the release of a held delivery cannot wait on a durable timer; their
   * attempts go to the same endpoint, so they wait in the worker until the limit has room.
   */
  @Test
  void anAttemptWhoseCallerCannotWaitOnATimerWaitsInTheWorkerForRoomInTheLimit() {
    TwoDeliveries limited = twoDeliveriesLimitedToOnePerSecond("/limited-manual");
    DeliveryActivities activities = activities(true);

    Instant beforeFirst = store.databaseNow();
    AttemptOutcome made = activities.attempt(paced(limited.first()));
    // one manual attempt, from a caller without a timer, as a bulk recovery makes it
    AttemptOutcome recovered =
        activities.attempt(new AttemptRequest(limited.second(), AttemptTrigger.MANUAL, null));
    Instant afterSecond = store.databaseNow();

    // Both were made; whether the receiver answered in time is not what this test is about.
    assertThat(made.attemptNumber()).isEqualTo(1);
    assertThat(recovered.attemptNumber()).isEqualTo(1);
    assertThat(recovered.waitsForSlot()).isFalse();
    // One a second: the second started a second or more after the first, by the database's clock
    // that the window is kept on. How much later depends on the machine; this is the bound.
    assertThat(Duration.between(beforeFirst, afterSecond))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void aReceiverSlowerThanTheTimeoutIsRecordedAsATimeout() {
    receiver.stubFor(post("/slow").willReturn(aResponse().withStatus(200).withFixedDelay(3_000)));
    CreatedEndpoint endpoint = endpoint(receiverUrl("/slow"));
    String deliveryId = dispatch(endpoint, payload());

    long started = System.nanoTime();
    AttemptOutcome outcome = activities(true).attempt(scheduled(deliveryId, NEXT_DELAY));
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(outcome).isEqualTo(new AttemptOutcome(1, DeliveryStatus.PENDING, null, false));
    assertThat(took).isLessThan(Duration.ofMillis(2_500));
    Attempt attempt = detail(endpoint, deliveryId).attemptLog().getFirst();
    assertThat(attempt.error()).isEqualTo("timeout after 1s");
    assertThat(attempt.responseCode()).isNull();
    assertThat(attempt.responseBody()).isNull();
    assertThat(attempt.durationMs()).isBetween(900L, 2_000L);
  }

  @Test
  void aReceiverTricklingItsAnswerEndsAtTheDeadline() {
    receiver.stubFor(
        post("/trickle")
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withBody("z".repeat(1_000))
                    .withChunkedDribbleDelay(25, 8_000)));
    CreatedEndpoint endpoint = endpoint(receiverUrl("/trickle"));
    String deliveryId = dispatch(endpoint, payload());

    long started = System.nanoTime();
    AttemptOutcome outcome = activities(true).attempt(scheduled(deliveryId, NEXT_DELAY));
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(outcome.succeeded()).isFalse();
    assertThat(took).isLessThan(Duration.ofMillis(2_500));
    assertThat(detail(endpoint, deliveryId).attemptLog().getFirst().error())
        .isEqualTo("timeout after 1s");
  }

  @Test
  void aRedirectIsAFailedAttemptAndIsNotFollowed() {
    receiver.stubFor(
        post("/moved")
            .willReturn(
                aResponse().withStatus(302).withHeader("Location", receiverUrl("/new-home"))));
    receiver.stubFor(post("/new-home").willReturn(aResponse().withStatus(200)));
    CreatedEndpoint endpoint = endpoint(receiverUrl("/moved"));
    String deliveryId = dispatch(endpoint, payload());

    AttemptOutcome outcome = activities(true).attempt(scheduled(deliveryId, NEXT_DELAY));

    assertThat(outcome).isEqualTo(new AttemptOutcome(1, DeliveryStatus.PENDING, 302, false));
    receiver.verify(0, anyRequestedFor(urlEqualTo("/new-home")));
  }

  @Test
  void aClosedPortIsRecordedAsConnectionRefused() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    CreatedEndpoint endpoint = endpoint("http://127.0.0.1:" + closedPort + "/hook?key=abc");
    String deliveryId = dispatch(endpoint, payload());

    AttemptOutcome outcome = activities(true).attempt(scheduled(deliveryId, NEXT_DELAY));

    assertThat(outcome.responseCode()).isNull();
    assertThat(detail(endpoint, deliveryId).attemptLog().getFirst().error())
        .isEqualTo("connection refused");
  }

  @Test
  void aForbiddenAddressIsRefusedWithoutAnyRequest() {
    receiver.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(200)));
    CreatedEndpoint endpoint = endpoint(receiverUrl("/hook"));
    String deliveryId = dispatch(endpoint, payload());

    AttemptOutcome outcome = activities(false).attempt(scheduled(deliveryId, NEXT_DELAY));

    assertThat(outcome).isEqualTo(new AttemptOutcome(1, DeliveryStatus.PENDING, null, false));
    assertThat(detail(endpoint, deliveryId).attemptLog().getFirst().error())
        .isEqualTo("target address forbidden: loopback");
    receiver.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void aHugeResponseBodyIsStoredCutAt16KiB() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/huge",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          long total = 100L * 1024 * 1024;
          exchange.sendResponseHeaders(200, total);
          byte[] chunk = new byte[64 * 1024];
          Arrays.fill(chunk, (byte) 'b');
          try (OutputStream out = exchange.getResponseBody()) {
            for (long sent = 0; sent < total; sent += chunk.length) {
              out.write(chunk);
            }
          } catch (IOException clientStoppedReading) {
            // Expected.
          }
        });
    server.start();
    toClose.add(() -> server.stop(0));
    CreatedEndpoint endpoint =
        endpoint("http://127.0.0.1:" + server.getAddress().getPort() + "/huge");
    String deliveryId = dispatch(endpoint, payload());

    long started = System.nanoTime();
    AttemptOutcome outcome = activities(true).attempt(scheduled(deliveryId, NEXT_DELAY));
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(outcome.succeeded()).isTrue();
    assertThat(took).isLessThan(Duration.ofSeconds(1));
    assertThat(detail(endpoint, deliveryId).attemptLog().getFirst().responseBody())
        .hasSize(16 * 1024);
  }

  @Test
  void aDeactivatedEndpointGetsNoRequestAndTheDeliveryIsCancelled() {
    receiver.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(200)));
    CreatedEndpoint endpoint = endpoint(receiverUrl("/hook"));
    String deliveryId = dispatch(endpoint, payload());
    store.setActive(userId, endpoint.endpoint().id(), false);

    AttemptOutcome outcome = activities(true).attempt(scheduled(deliveryId, NEXT_DELAY));

    assertThat(outcome).isEqualTo(AttemptOutcome.cancelled());
    receiver.verify(0, anyRequestedFor(anyUrl()));
    DeliveryDetail detail = detail(endpoint, deliveryId);
    assertThat(detail.delivery().status()).isEqualTo(DeliveryStatus.CANCELLED);
    assertThat(detail.attemptLog()).isEmpty();
  }

  @Test
  void aDeletedEndpointOrAMissingDeliveryGetsNoRequest() {
    receiver.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(200)));
    CreatedEndpoint endpoint = endpoint(receiverUrl("/hook"));
    String deliveryId = dispatch(endpoint, payload());
    store.endpoints().delete(userId, endpoint.endpoint().id());
    DeliveryActivities activities = activities(true);

    assertThat(activities.attempt(scheduled(deliveryId, NEXT_DELAY)))
        .isEqualTo(AttemptOutcome.cancelled());
    assertThat(activities.attempt(scheduled("dlv_does_not_exist", NEXT_DELAY)))
        .isEqualTo(AttemptOutcome.cancelled());
    receiver.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void runningTheSameActivityExecutionAgainSendsNothingNew() {
    receiver.stubFor(post("/once").willReturn(aResponse().withStatus(500)));
    CreatedEndpoint endpoint = endpoint(receiverUrl("/once"));
    String deliveryId = dispatch(endpoint, payload());
    DeliveryActivities twice = activities(new RunsTwice(newImpl(true)));

    AttemptOutcome outcome = twice.attempt(scheduled(deliveryId, NEXT_DELAY));

    assertThat(outcome).isEqualTo(new AttemptOutcome(1, DeliveryStatus.PENDING, 500, false));
    receiver.verify(1, postRequestedFor(urlEqualTo("/once")));
    assertThat(detail(endpoint, deliveryId).attemptLog()).hasSize(1);
  }

  /**
   * Runs the activity twice in one activity context, so both runs share its workflow run id and
   * activity id: what Temporal presents when it runs an activity again after its result was lost.
   */
  private static final class RunsTwice implements DeliveryActivities {
    private final DeliveryActivities activities;

    RunsTwice(DeliveryActivities activities) {
      this.activities = activities;
    }

    @Override
    public AttemptOutcome attempt(AttemptRequest request) {
      AttemptOutcome first = activities.attempt(request);
      AttemptOutcome again = activities.attempt(request);
      assertThat(again).isEqualTo(first);
      return again;
    }

    @Override
    public DeliveryStatus markCancelled(CancelledRun run) {
      return activities.markCancelled(run);
    }
  }

  // --- helpers

  private DeliveryActivities activities(boolean allowPrivateTargets) {
    return activities(newImpl(allowPrivateTargets));
  }

  private DeliveryActivities activities(DeliveryActivities implementation) {
    return wiring.inActivityEnvironment(implementation);
  }

  private DeliveryActivitiesImpl newImpl(boolean allowPrivateTargets) {
    return wiring.withPrivateTargets(allowPrivateTargets).attempts();
  }

  private static AttemptRequest paced(String deliveryId) {
    return AttemptRequest.paced(deliveryId, AttemptTrigger.SCHEDULED, NEXT_DELAY);
  }

  private static AttemptRequest scheduled(String deliveryId, Duration delayIfItFails) {
    return new AttemptRequest(deliveryId, AttemptTrigger.SCHEDULED, delayIfItFails);
  }

  private CreatedEndpoint endpoint(String url) {
    return store.createEndpoint(userId, url, EVENT_TYPE);
  }

  private record TwoDeliveries(CreatedEndpoint endpoint, String first, String second) {}

  /** Two deliveries to an endpoint at {@code path} of the receiver, limited to one a second. */
  private TwoDeliveries twoDeliveriesLimitedToOnePerSecond(String path) {
    receiver.stubFor(post(path).willReturn(aResponse().withStatus(204)));
    CreatedEndpoint endpoint = endpoint(receiverUrl(path));
    store
        .endpoints()
        .update(
            userId,
            endpoint.endpoint().id(),
            new EndpointChanges(
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.of(Optional.of(1))));
    return new TwoDeliveries(
        endpoint, dispatch(endpoint, payload()), dispatch(endpoint, payload()));
  }

  private String dispatch(CreatedEndpoint endpoint, String payload) {
    return store
        .event(userId, endpoint.endpoint().id())
        .type(EVENT_TYPE)
        .payload(payload)
        .retryDelays(List.of(NEXT_DELAY))
        .deliver();
  }

  private DeliveryDetail detail(CreatedEndpoint endpoint, String deliveryId) {
    return store
        .deliveryLog()
        .findDetail(userId, endpoint.endpoint().id(), deliveryId)
        .orElseThrow();
  }

  /**
   * Puts the endpoint in a rotation's grace period, as a rotation leaves it: the old secret kept as
   * previous for a day, a new current one. Returns the new current secret.
   */
  private String rotateSecret(CreatedEndpoint endpoint) {
    String id = endpoint.endpoint().id();
    String current = SecretGenerator.newSecret();
    SecretCipher cipher = EmbeddedDatabase.testCipher();
    store
        .jdbc()
        .sql(
            "update webhook_endpoints set secret_ciphertext = :current,"
                + " previous_secret_ciphertext = :previous,"
                + " previous_secret_expires_at = now() + interval '1 day' where id = :id")
        .param("current", cipher.encrypt(current, id))
        .param("previous", cipher.encrypt(endpoint.secret(), id))
        .param("id", id)
        .update();
    return current;
  }

  private static String payload() {
    // Non-ASCII and spacing on purpose: the bytes sent must be the stored string's UTF-8 bytes.
    return "{\"id\": \"evt_x\", \"type\": \"card.viewed\", \"data\": {\"name\": \"Zoë ✓\"}}";
  }

  private static String receiverUrl(String path) {
    return "http://127.0.0.1:" + receiver.getPort() + path;
  }

  private static LoggedRequest onlyRequestTo(String path) {
    List<LoggedRequest> requests = receiver.findAll(postRequestedFor(urlEqualTo(path)));
    assertThat(requests).hasSize(1);
    return requests.getFirst();
  }

  private static Map<String, List<String>> standardHeaders(LoggedRequest request) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (String name : List.of("webhook-id", "webhook-timestamp", "webhook-signature")) {
      headers.put(name, List.of(request.getHeader(name)));
    }
    return headers;
  }

  private static String githubStyle(String secret, byte[] body) throws Exception {
    return "sha256="
        + HexFormat.of().formatHex(hmac(secret.getBytes(StandardCharsets.UTF_8), body));
  }

  private static String standard(String secret, String id, long timestamp, byte[] body)
      throws Exception {
    byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
    byte[] prefix = (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
    byte[] message = new byte[prefix.length + body.length];
    System.arraycopy(prefix, 0, message, 0, prefix.length);
    System.arraycopy(body, 0, message, prefix.length, body.length);
    return "v1," + Base64.getEncoder().encodeToString(hmac(key, message));
  }

  private static byte[] hmac(byte[] key, byte[] message) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    return mac.doFinal(message);
  }
}
