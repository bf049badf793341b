package com.devcard.webhooks.app.limits;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.devcard.webhooks.app.ApiClient.Response;
import com.devcard.webhooks.app.AppClient;
import com.devcard.webhooks.app.AppTest;
import com.devcard.webhooks.app.Concurrently;
import com.devcard.webhooks.app.ReceiverEndpoints;
import com.devcard.webhooks.app.TestEndpoint;
import com.devcard.webhooks.app.TestUser;
import com.devcard.webhooks.store.Ids;
import com.devcard.webhooks.store.delivery.AttemptRecordRepository;
import com.devcard.webhooks.store.delivery.AttemptResult;
import com.devcard.webhooks.store.delivery.DispatchRepository;
import com.devcard.webhooks.store.delivery.NewEvent;
import com.devcard.webhooks.testkit.Receivers;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * What one user can make the service send and store, on the running app with its default limits: 10
 * "test", "retry" and "recover" requests per endpoint and minute each, 20 manual attempts per
 * delivery, one running recovery per endpoint, and a detail view that shows the latest 50 attempts
 * of a log and pages through the rest.
 */
@AppTest
class UserLimitsIT {

  private static final String PROBLEMS = "https://devcard.dev/problems/";
  private static final int PER_MINUTE = 10;
  private static final int MAX_MANUAL_ATTEMPTS = 20;

  @RegisterExtension static final WireMockExtension receiver = Receivers.perClass();

  @Autowired DispatchRepository dispatches;
  @Autowired AttemptRecordRepository attemptRecords;
  @Autowired JdbcClient jdbc;
  @Autowired PlatformTransactionManager transactionManager;

  final AppClient app;
  final TestUser user;
  final String token;
  final ReceiverEndpoints endpoints;

  UserLimitsIT(@Autowired AppClient app) {
    this.app = app;
    this.user = app.newUser();
    this.token = user.token();
    this.endpoints = app.endpoints(user, receiver);
  }

  // --- rate limits

  @Test
  void testEventsPastTheLimitAre429WithRetryAfterAndSendNothing() {
    TestEndpoint endpoint = endpoints.register(204);
    List<String> sent = new ArrayList<>();
    for (int i = 0; i < PER_MINUTE; i++) {
      Response accepted = app.post(endpoint.path("/test"), token, "");
      assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
      sent.add(accepted.json().get("deliveryId").asString());
    }

    HttpResponse<String> refused = postWithHeaders(endpoint.path("/test"));

    assertRateLimited(refused);
    assertThat(deliveryIds(endpoint)).containsExactlyInAnyOrderElementsOf(sent);
    await().atMost(Duration.ofSeconds(20)).until(() -> received(endpoint) == PER_MINUTE);
    // Limits are per endpoint and per action: another endpoint, and a retry here, still go.
    assertThat(app.post(endpoints.register(204).path("/test"), token, "").status()).isEqualTo(202);
    assertThat(
            app.post(endpoint.path("/deliveries/" + sent.getFirst() + "/retry"), token, "")
                .status())
        .isEqualTo(202);
  }

  @Test
  void retriesPastTheLimitAre429AndChangeNothing() {
    TestEndpoint endpoint = endpoints.register(204);
    String deliveryId = seededDelivery(endpoint, 1, 0);
    String retry = endpoint.path("/deliveries/" + deliveryId + "/retry");
    for (int i = 0; i < PER_MINUTE; i++) {
      assertThat(app.post(retry, token, "").status()).isEqualTo(202);
    }
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> detail(endpoint, deliveryId).get("status").asString().equals("success"));
    JsonNode before = detail(endpoint, deliveryId);
    int receivedBefore = received(endpoint);

    HttpResponse<String> refused = postWithHeaders(retry);

    assertRateLimited(refused);
    JsonNode after = detail(endpoint, deliveryId);
    assertThat(after.get("status")).isEqualTo(before.get("status"));
    assertThat(after.get("attempts")).isEqualTo(before.get("attempts"));
    assertThat(after.get("updatedAt")).isEqualTo(before.get("updatedAt"));
    assertThat(received(endpoint)).isEqualTo(receivedBefore);
  }

  @Test
  void recoverRequestsPastTheLimitAre429AndStartNothing() {
    TestEndpoint endpoint = endpoints.register(204);
    String recover = endpoint.path("/recover");
    String body = "{\"since\": \"2026-01-01T00:00:00Z\"}";
    for (int i = 0; i < PER_MINUTE; i++) {
      // Each one either starts a recovery or finds the previous one still running.
      Response answer = app.post(recover, token, body);
      assertThat(answer.status()).as(answer.body()).isIn(202, 409);
    }
    long recoveries = recoveryRows(endpoint);

    HttpResponse<String> refused = postWithHeaders(recover, body);

    assertRateLimited(refused);
    assertThat(recoveryRows(endpoint)).isEqualTo(recoveries);
  }

  @Test
  void requestsAnswered404OrInvalidDoNotCount() {
    TestEndpoint endpoint = endpoints.register(204);
    String stranger = app.newUser("stranger").token();
    for (int i = 0; i < PER_MINUTE + 2; i++) {
      assertThat(app.post(endpoint.path("/test"), stranger, "").status()).isEqualTo(404);
      assertThat(app.post(endpoint.path("/recover"), token, "{}").status()).isEqualTo(400);
    }

    assertThat(app.post(endpoint.path("/test"), token, "").status()).isEqualTo(202);
    assertThat(
            app.post(endpoint.path("/recover"), token, "{\"since\": \"2026-01-01T00:00:00Z\"}")
                .status())
        .isEqualTo(202);
  }

  // --- one running recovery per endpoint

  @Test
  void concurrentRecoversOfOneEndpointStartOneAndTheOthersAre409NamingIt() throws Exception {
    // A slow receiver keeps the recovery running while the requests come in.
    TestEndpoint endpoint = endpoints.register(200);
    endpoints.answer(endpoint, aResponse().withStatus(200).withFixedDelay(4_000));
    for (int i = 0; i < 3; i++) {
      seededDelivery(endpoint, 1, 0);
    }
    String body = "{\"since\": \"2026-01-01T00:00:00Z\"}";

    List<Response> answers =
        Concurrently.call(8, () -> app.post(endpoint.path("/recover"), token, body));

    List<Response> started = answers.stream().filter(a -> a.status() == 202).toList();
    assertThat(started).hasSize(1);
    String recoveryId = started.getFirst().json().get("id").asString();
    assertThat(started.getFirst().json().get("total").asInt()).isEqualTo(3);
    for (Response refused : answers) {
      if (refused.status() != 202) {
        assertRecoveryRunning(refused, recoveryId);
      }
    }
    // An operator's recovery of that endpoint is refused the same way.
    String operator = app.operator();
    assertRecoveryRunning(
        app.post("/api/admin/recover", operator, "{\"endpointId\": \"" + endpoint.id() + "\"}"),
        recoveryId);
    assertThat(recoveryRows(endpoint)).isOne();

    // Once it has ended, the next one starts.
    assertThat(app.delete("/api/recoveries/" + recoveryId, token).status()).isEqualTo(200);
    Response next = app.post(endpoint.path("/recover"), token, body);
    assertThat(next.status()).as(next.body()).isEqualTo(202);
    app.delete("/api/recoveries/" + next.json().get("id").asString(), token);
  }

  // --- manual attempts per delivery

  @Test
  void retryIsRefusedOnceTheDeliveryHasHadTheMostManualAttempts() {
    TestEndpoint endpoint = endpoints.register(204);
    String atTheCap = seededDelivery(endpoint, 1, MAX_MANUAL_ATTEMPTS);
    String belowTheCap = seededDelivery(endpoint, 1, MAX_MANUAL_ATTEMPTS - 1);

    Response refused = app.post(endpoint.path("/deliveries/" + atTheCap + "/retry"), token, "");

    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.contentType()).startsWith("application/problem+json");
    assertThat(refused.problemType()).isEqualTo(PROBLEMS + "manual-attempt-limit-reached");
    assertThat(refused.json().get("maxManualAttempts").asInt()).isEqualTo(MAX_MANUAL_ATTEMPTS);
    assertThat(refused.json().get("detail").asString()).contains("20 manual attempts");
    JsonNode unchanged = detail(endpoint, atTheCap);
    assertThat(unchanged.get("status").asString()).isEqualTo("failed");
    assertThat(unchanged.get("attempts").asInt()).isEqualTo(1 + MAX_MANUAL_ATTEMPTS);

    // The last manual attempt allowed is made; the one after it is refused.
    String retry = endpoint.path("/deliveries/" + belowTheCap + "/retry");
    assertThat(app.post(retry, token, "").status()).isEqualTo(202);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> detail(endpoint, belowTheCap).get("status").asString().equals("success"));
    assertThat(detail(endpoint, belowTheCap).get("attempts").asInt())
        .isEqualTo(1 + MAX_MANUAL_ATTEMPTS);
    assertThat(app.post(retry, token, "").problemType())
        .isEqualTo(PROBLEMS + "manual-attempt-limit-reached");
    assertThat(received(endpoint)).isOne();
  }

  @Test
  void aUsersRecoveryLeavesOutDeliveriesThatHaveHadTheMostManualAttempts() {
    TestEndpoint endpoint = endpoints.register(204);
    seededDelivery(endpoint, 1, MAX_MANUAL_ATTEMPTS);
    seededDelivery(endpoint, 1, MAX_MANUAL_ATTEMPTS - 1);

    Response started =
        app.post(endpoint.path("/recover"), token, "{\"since\": \"2026-01-01T00:00:00Z\"}");

    assertThat(started.status()).isEqualTo(202);
    assertThat(started.json().get("total").asInt()).isOne();
  }

  // --- the attempt log

  @Test
  void theDetailShowsTheLatest50AttemptsAndTheOlderOnesArePaged() {
    TestEndpoint endpoint = endpoints.register(204);
    String deliveryId = seededDelivery(endpoint, 60, 0);

    JsonNode detail = detail(endpoint, deliveryId);

    assertThat(detail.get("attempts").asInt()).isEqualTo(60);
    assertThat(attemptNumbers(detail.get("attemptLog"))).isEqualTo(range(11, 60));
    assertThat(detail.get("attemptLogTotal").asInt()).isEqualTo(60);
    assertThat(detail.get("attemptLogTruncated").asBoolean()).isTrue();
    String cursor = detail.get("attemptLogNextCursor").asString();
    Response older =
        app.get(endpoint.path("/deliveries/" + deliveryId + "/attempts?cursor=" + cursor), token);
    assertThat(older.status()).isEqualTo(200);
    assertThat(attemptNumbers(older.json().get("items"))).isEqualTo(range(10, 1));
    assertThat(older.json().get("nextCursor").isNull()).isTrue();
    JsonNode first = older.json().get("items").get(9);
    assertThat(first.get("trigger").asString()).isEqualTo("scheduled");
    assertThat(first.get("responseCode").asInt()).isEqualTo(503);
    assertThat(first.get("startedAt").asString()).endsWith("Z");

    // The whole log, newest first, 25 at a time: no attempt skipped or repeated.
    List<Integer> paged = new ArrayList<>();
    String next = null;
    int pages = 0;
    do {
      Response page =
          app.get(
              endpoint.path(
                  "/deliveries/"
                      + deliveryId
                      + "/attempts?limit=25"
                      + (next == null ? "" : "&cursor=" + next)),
              token);
      assertThat(page.status()).isEqualTo(200);
      paged.addAll(attemptNumbers(page.json().get("items")));
      next =
          page.json().get("nextCursor").isNull() ? null : page.json().get("nextCursor").asString();
      pages++;
    } while (next != null);
    assertThat(paged).isEqualTo(range(60, 1));
    assertThat(pages).isEqualTo(3);
  }

  @Test
  void aShortLogIsShownWholeWithNothingToPage() {
    TestEndpoint endpoint = endpoints.register(204);
    String deliveryId = seededDelivery(endpoint, 2, 1);

    JsonNode detail = detail(endpoint, deliveryId);

    assertThat(attemptNumbers(detail.get("attemptLog"))).containsExactly(1, 2, 3);
    assertThat(detail.get("attemptLogTotal").asInt()).isEqualTo(3);
    assertThat(detail.get("attemptLogTruncated").asBoolean()).isFalse();
    assertThat(detail.get("attemptLogNextCursor").isNull()).isTrue();
    JsonNode page = app.get(endpoint.path("/deliveries/" + deliveryId + "/attempts"), token).json();
    assertThat(attemptNumbers(page.get("items"))).containsExactly(3, 2, 1);
    assertThat(page.get("items").get(0).get("trigger").asString()).isEqualTo("manual");
  }

  @Test
  void attemptsOfAnotherUsersOrAnUnknownDeliveryAre404AndBadQueriesAre400() {
    TestEndpoint endpoint = endpoints.register(204);
    String deliveryId = seededDelivery(endpoint, 2, 0);
    String stranger = app.newUser("stranger").token();
    String strangersEndpoint =
        app.createEndpoint(stranger, "http://127.0.0.1:%d/x".formatted(receiver.getPort()));
    String attempts = endpoint.path("/deliveries/" + deliveryId + "/attempts");

    Response theirs = app.get(attempts, stranger);
    Response underTheirOwnEndpoint =
        app.get(
            "/api/webhooks/" + strangersEndpoint + "/deliveries/" + deliveryId + "/attempts",
            stranger);
    Response unknown =
        app.get(endpoint.path("/deliveries/dlv_01JUNKNOWN000000000000000/attempts"), token);

    for (Response notFound : List.of(theirs, underTheirOwnEndpoint, unknown)) {
      assertThat(notFound.status()).isEqualTo(404);
      assertThat(notFound.contentType()).startsWith("application/problem+json");
      assertThat(notFound.json().get("detail")).isEqualTo(unknown.json().get("detail"));
    }
    for (String query :
        List.of("limit=0", "limit=101", "limit=x", "cursor=garbage!", "cursor=YQ")) {
      Response bad = app.get(attempts + "?" + query, token);
      assertThat(bad.status()).as(query).isEqualTo(400);
      assertThat(bad.problemType()).isEqualTo(PROBLEMS + "validation-failed");
    }
    assertThat(app.get(attempts, token).status()).isEqualTo(200);
    app.delete("/api/webhooks/" + endpoint.id(), token);
    assertThat(app.get(attempts, token).status()).isEqualTo(404);
  }

  // --- the OpenAPI document

  @Test
  void theOpenApiDocumentDescribesTheLimits() {
    JsonNode document = app.get("/v3/api-docs", null).json();
    JsonNode paths = document.get("paths");
    String endpoint = "/api/webhooks/{endpointId}";
    String delivery = endpoint + "/deliveries/{deliveryId}";

    assertThat(responses(paths, endpoint + "/test", "post")).contains("202", "404", "409", "429");
    assertThat(responses(paths, delivery + "/retry", "post")).contains("202", "409", "429");
    assertThat(responses(paths, endpoint + "/recover", "post")).contains("202", "409", "429");
    assertThat(responses(paths, "/api/admin/recover", "post")).contains("202", "409");
    assertThat(responses(paths, delivery + "/attempts", "get")).contains("200", "400", "404");
    JsonNode tooMany = paths.at("/" + escape(endpoint + "/test") + "/post/responses/429");
    // The answer is shared by every limited route: the operation points to it.
    if (tooMany.has("$ref")) {
      tooMany = document.at(tooMany.get("$ref").asString().substring(1));
    }
    assertThat(tooMany.path("headers").has("Retry-After")).isTrue();
    assertThat(paths.at("/" + escape(delivery) + "/get/description").asString())
        .contains("attemptLogTotal", "attemptLogTruncated", "attemptLogNextCursor");
  }

  // --- helpers

  /**
   * A {@code failed} delivery to the endpoint whose log holds {@code scheduled} scheduled attempts,
   * then {@code manual} manual ones, written through the store as the worker records them: a log
   * this long takes far more than a test's time to build through the API.
   */
  private String seededDelivery(TestEndpoint endpoint, int scheduled, int manual) {
    // Stored with its first attempt in one transaction: the delivery is never seen pending, so
    // admission never starts a workflow that would add attempts of its own.
    return new TransactionTemplate(transactionManager)
        .execute(
            status -> {
              String deliveryId =
                  dispatches
                      .dispatch(
                          new NewEvent(
                              Ids.newId("evt"),
                              user.id(),
                              null,
                              "card.viewed",
                              "{\"n\":1}",
                              Instant.now(),
                              List.of(),
                              endpoint.id()),
                          0)
                      .deliveries()
                      .getFirst()
                      .id();
              for (int i = 0; i < scheduled + manual; i++) {
                attemptRecords.recordAttempt(
                    deliveryId,
                    "seed-" + UUID.randomUUID(),
                    new AttemptResult(
                        i < scheduled ? "scheduled" : "manual",
                        Instant.now(),
                        5,
                        503,
                        "down",
                        null,
                        false),
                    Optional.empty());
              }
              return deliveryId;
            });
  }

  private JsonNode detail(TestEndpoint endpoint, String deliveryId) {
    Response response = app.get(endpoint.path("/deliveries/" + deliveryId), token);
    assertThat(response.status()).isEqualTo(200);
    return response.json();
  }

  private List<String> deliveryIds(TestEndpoint endpoint) {
    List<String> ids = new ArrayList<>();
    for (JsonNode item :
        app.get(endpoint.path("/deliveries?limit=100"), token).json().get("items").values()) {
      ids.add(item.get("id").asString());
    }
    return ids;
  }

  private long recoveryRows(TestEndpoint endpoint) {
    return jdbc.sql("select count(*) from webhook_recoveries where endpoint_id = :id")
        .param("id", endpoint.id())
        .query(Long.class)
        .single();
  }

  private int received(TestEndpoint endpoint) {
    return endpoints.received(endpoint).size();
  }

  private static void assertRateLimited(HttpResponse<String> refused) {
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(429);
    assertThat(refused.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/problem+json");
    assertThat(refused.body()).contains("\"type\":\"" + PROBLEMS + "rate-limited\"");
    assertThat(refused.body()).contains("\"status\":429", "per minute");
    int retryAfter = Integer.parseInt(refused.headers().firstValue("Retry-After").orElseThrow());
    assertThat(retryAfter).isBetween(1, 60);
  }

  private static void assertRecoveryRunning(Response refused, String recoveryId) {
    assertThat(refused.status()).as(refused.body()).isEqualTo(409);
    assertThat(refused.contentType()).startsWith("application/problem+json");
    assertThat(refused.problemType()).isEqualTo(PROBLEMS + "recovery-already-running");
    assertThat(refused.json().get("recoveryId").asString()).isEqualTo(recoveryId);
    assertThat(refused.json().get("detail").asString()).contains(recoveryId);
  }

  /** ApiClient leaves headers out; the 429's Retry-After is one. */
  private HttpResponse<String> postWithHeaders(String path) {
    return postWithHeaders(path, "");
  }

  private HttpResponse<String> postWithHeaders(String path, String body) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    try (HttpClient http = HttpClient.newHttpClient()) {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException | InterruptedException failed) {
      throw new IllegalStateException(failed);
    }
  }

  private static List<Integer> attemptNumbers(JsonNode attempts) {
    List<Integer> numbers = new ArrayList<>();
    attempts.values().forEach(attempt -> numbers.add(attempt.get("attempt").asInt()));
    return numbers;
  }

  /** From {@code from} to {@code to}, both included, up or down. */
  private static List<Integer> range(int from, int to) {
    List<Integer> numbers = new ArrayList<>();
    int step = from <= to ? 1 : -1;
    for (int n = from; n != to + step; n += step) {
      numbers.add(n);
    }
    return numbers;
  }

  private static List<String> responses(JsonNode paths, String path, String method) {
    List<String> codes = new ArrayList<>();
    paths.path(path).path(method).path("responses").propertyNames().forEach(codes::add);
    return codes;
  }

  /** A JSON pointer token for an OpenAPI path. */
  private static String escape(String path) {
    return path.replace("~", "~0").replace("/", "~1");
  }
}
