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
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import com.devcard.webhooks.delivery.DeliveryStatus;
import com.devcard.webhooks.netguard.HostResolver;
import com.devcard.webhooks.netguard.TargetPolicy;
import com.devcard.webhooks.store.Ids;
import com.devcard.webhooks.store.delivery.Attempt;
import com.devcard.webhooks.store.delivery.DeliveryDetail;
import com.devcard.webhooks.store.delivery.NewEvent;
import com.devcard.webhooks.store.endpoint.CreatedEndpoint;
import com.devcard.webhooks.store.endpoint.EndpointRepository;
import com.devcard.webhooks.store.endpoint.NewEndpoint;
import com.devcard.webhooks.store.secret.SecretCipher;
import com.devcard.webhooks.store.testing.TestStore;
import com.devcard.webhooks.worker.DeliveryProperties;
import com.devcard.webhooks.worker.http.OutboundHttpSettings;
import com.devcard.webhooks.worker.http.WebhookHttpClient;
import com.devcard.webhooks.workflows.AttemptOutcome;
import com.devcard.webhooks.workflows.AttemptRequest;
import com.devcard.webhooks.workflows.AttemptTrigger;
import com.devcard.webhooks.workflows.DeliveryActivities;
import com.devcard.webhooks.workflows.DeliverySearchAttributes;
import com.devcard.webhooks.workflows.DeliveryWorkflow;
import com.devcard.webhooks.workflows.DeliveryWorkflowImpl;
import com.devcard.webhooks.workflows.DeliveryWorkflowInput;
import com.devcard.webhooks.workflows.TaskQueues;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.standardwebhooks.Webhook;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.testing.TestActivityEnvironment;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A master key removed from the keyset too early: an endpoint's secret is stored under a key the
 * worker's keyset no longer holds. Real PostgreSQL, a real receiver, Temporal's activity
 * environment; the worker's keyset is the only thing that changes between calls.
 */
@ExtendWith(OutputCaptureExtension.class)
class UndecryptableSecretTest {

  @RegisterExtension
  static WireMockExtension receiver =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final Duration NEXT_DELAY = Duration.ofSeconds(30);

  /** The keyset the secret was encrypted under. */
  private static final String OLD_KEYSET = SecretCipher.newKeysetJson();

  /** A keyset without the old key: what was deployed by mistake. */
  private static final SecretCipher WITHOUT_THE_OLD_KEY =
      SecretCipher.fromKeysetJson(SecretCipher.newKeysetJson());

  /** The old key back, beside a newer primary one. */
  private static final SecretCipher OLD_KEY_RESTORED =
      SecretCipher.fromKeysetJson(SecretCipher.withNewPrimaryKey(OLD_KEYSET));

  private static TestStore store;

  private final String userId = "user_" + UUID.randomUUID();
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final List<AutoCloseable> toClose = new ArrayList<>();

  @BeforeAll
  static void database() {
    store = TestStore.fresh();
  }

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable closeable : toClose) {
      closeable.close();
    }
  }

  @Test
  void theAttemptFailsUnsentAndTheNextOneSucceedsOnceTheKeyIsBack(CapturedOutput output)
      throws Exception {
    receiver.stubFor(post("/hook").willReturn(aResponse().withStatus(204)));
    CreatedEndpoint endpoint = endpointWithSecretUnderTheOldKey("/hook");
    String payload = "{\"id\": \"evt_1\", \"type\": \"card.viewed\", \"data\": {}}";
    String deliveryId = dispatch(endpoint, payload);

    Instant before = Instant.now();
    AttemptOutcome failed =
        activities(WITHOUT_THE_OLD_KEY, Duration.ZERO).attempt(scheduled(deliveryId, NEXT_DELAY));

    assertThat(failed).isEqualTo(new AttemptOutcome(1, DeliveryStatus.PENDING, null, false));
    receiver.verify(0, anyRequestedFor(anyUrl()));
    DeliveryDetail afterFailure = detail(endpoint, deliveryId);
    assertThat(afterFailure.delivery().status()).isEqualTo(DeliveryStatus.PENDING);
    // the schedule goes on: the next attempt follows the normal delay
    assertThat(afterFailure.delivery().nextRetryAt())
        .isCloseTo(before.plus(NEXT_DELAY), within(2, ChronoUnit.SECONDS));
    Attempt attempt = afterFailure.attemptLog().getFirst();
    assertThat(attempt.trigger()).isEqualTo("scheduled");
    assertThat(attempt.error()).isEqualTo("signing secret cannot be decrypted");
    assertThat(attempt.responseCode()).isNull();
    assertThat(attempt.responseBody()).isNull();
    assertThat(undecryptableCount()).isEqualTo(1);
    assertThat(meters.find(AttemptMetrics.DURATION).timer()).isNull();
    assertThat(output.getAll())
        .contains(deliveryId + ": attempt 1 failed unsent: the signing secret of endpoint")
        .contains(endpoint.endpoint().id())
        .doesNotContain(endpoint.secret())
        .doesNotContain(endpoint.secret().substring("whsec_".length()));

    AttemptOutcome succeeded =
        activities(OLD_KEY_RESTORED, Duration.ZERO).attempt(scheduled(deliveryId, NEXT_DELAY));

    assertThat(succeeded).isEqualTo(new AttemptOutcome(2, DeliveryStatus.SUCCESS, 204, true));
    List<LoggedRequest> requests = receiver.findAll(postRequestedFor(urlEqualTo("/hook")));
    assertThat(requests).hasSize(1);
    assertThatCode(() -> new Webhook(endpoint.secret()).verify(payload, headers(requests.get(0))))
        .doesNotThrowAnyException();
    assertThat(detail(endpoint, deliveryId).attemptLog())
        .extracting(Attempt::attempt, Attempt::error)
        .containsExactly(tuple(1, "signing secret cannot be decrypted"), tuple(2, null));
  }

  @Test
  void onTheLastScheduledAttemptTheDeliveryEndsFailed() {
    CreatedEndpoint endpoint = endpointWithSecretUnderTheOldKey("/last");
    String deliveryId = dispatch(endpoint, "{}");

    AttemptOutcome outcome =
        activities(WITHOUT_THE_OLD_KEY, Duration.ZERO).attempt(scheduled(deliveryId, null));

    assertThat(outcome).isEqualTo(new AttemptOutcome(1, DeliveryStatus.FAILED, null, false));
    DeliveryDetail detail = detail(endpoint, deliveryId);
    assertThat(detail.delivery().status()).isEqualTo(DeliveryStatus.FAILED);
    assertThat(detail.delivery().nextRetryAt()).isNull();
    receiver.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void withinTheGraceTheAttemptIsLeftToTemporalsRetriesAndUsesUpNoAttempt() {
    CreatedEndpoint endpoint = endpointWithSecretUnderTheOldKey("/grace");
    String deliveryId = dispatch(endpoint, "{}");
    DeliveryActivities activities = activities(WITHOUT_THE_OLD_KEY, Duration.ofHours(1));

    assertThatThrownBy(() -> activities.attempt(scheduled(deliveryId, NEXT_DELAY)))
        .isInstanceOf(ActivityFailure.class)
        .rootCause()
        .hasMessageContaining("endpoint secret could not be decrypted");

    DeliveryDetail detail = detail(endpoint, deliveryId);
    assertThat(detail.delivery().status()).isEqualTo(DeliveryStatus.PENDING);
    assertThat(detail.attemptLog()).isEmpty();
    assertThat(meters.find(AttemptMetrics.ATTEMPTS).counter()).isNull();
  }

  /**
   * The whole delivery on Temporal's test server, in real time: each attempt is retried by the
   * workflow's own retry policy until the grace, counted from its first try, is over; then the
   * schedule goes on and the delivery ends instead of staying pending with an empty log.
   */
  @Test
  void aDeliveryWhoseSecretCannotBeDecryptedRunsItsScheduleAndEndsFailed() {
    CreatedEndpoint endpoint = endpointWithSecretUnderTheOldKey("/schedule");
    List<Duration> schedule = List.of(Duration.ofSeconds(1));
    String deliveryId = dispatch(endpoint, "{}", schedule);
    TestWorkflowEnvironment testEnv =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
    toClose.add(testEnv::close);
    DeliverySearchAttributes.ALL.forEach(
        key ->
            testEnv.registerSearchAttribute(
                key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));
    Worker worker = testEnv.newWorker(TaskQueues.DELIVERY);
    worker.registerWorkflowImplementationTypes(DeliveryWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        implementation(WITHOUT_THE_OLD_KEY, Duration.ofSeconds(1)));
    testEnv.start();
    DeliveryWorkflowInput input =
        DeliveryWorkflowInput.fresh(
            deliveryId, userId, endpoint.endpoint().id(), "card.viewed", "127.0.0.1", schedule);
    DeliveryWorkflow workflow =
        testEnv
            .getWorkflowClient()
            .newWorkflowStub(
                DeliveryWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setWorkflowId(TaskQueues.deliveryWorkflowId(deliveryId))
                    .setTaskQueue(TaskQueues.DELIVERY)
                    .setTypedSearchAttributes(DeliverySearchAttributes.atStart(input))
                    .setWorkflowRunTimeout(Duration.ofSeconds(30))
                    .build());

    DeliveryStatus status = workflow.deliver(input);

    assertThat(status).isEqualTo(DeliveryStatus.FAILED);
    DeliveryDetail detail = detail(endpoint, deliveryId);
    assertThat(detail.delivery().status()).isEqualTo(DeliveryStatus.FAILED);
    assertThat(detail.attemptLog())
        .extracting(Attempt::attempt, Attempt::error)
        .containsExactly(
            tuple(1, "signing secret cannot be decrypted"),
            tuple(2, "signing secret cannot be decrypted"));
    assertThat(undecryptableCount()).isEqualTo(2);
    receiver.verify(0, anyRequestedFor(anyUrl()));
  }

  // --- helpers

  /** The activity with the worker's keyset, run once in Temporal's activity environment. */
  private DeliveryActivities activities(SecretCipher workerKeyset, Duration grace) {
    TestActivityEnvironment environment = TestActivityEnvironment.newInstance();
    toClose.add(environment::close);
    environment.registerActivitiesImplementations(implementation(workerKeyset, grace));
    return environment.newActivityStub(
        DeliveryActivities.class,
        ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofMinutes(2))
            .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
            .build());
  }

  private DeliveryActivitiesImpl implementation(SecretCipher workerKeyset, Duration grace) {
    OutboundHttpSettings settings =
        new OutboundHttpSettings(Duration.ofSeconds(5), "DevCard-Webhooks/test");
    WebhookHttpClient client =
        new WebhookHttpClient(settings, new TargetPolicy(true, true, HostResolver.system()));
    toClose.add(client);
    EndpointRepository endpoints =
        new EndpointRepository(
            store.jdbc(),
            workerKeyset,
            new TransactionTemplate(new DataSourceTransactionManager(store.dataSource())));
    return new DeliveryActivitiesImpl(
        store.attemptRecords(),
        store.cancellations(),
        endpoints,
        store.rateLimits(),
        client,
        settings,
        new AttemptMetrics(meters),
        new DeliveryProperties(settings.timeout(), grace));
  }

  /** An endpoint whose stored secret was encrypted under {@link #OLD_KEYSET}. */
  private CreatedEndpoint endpointWithSecretUnderTheOldKey(String path) {
    CreatedEndpoint endpoint =
        store
            .endpoints()
            .create(
                new NewEndpoint(
                    userId,
                    "http://127.0.0.1:" + receiver.getPort() + path,
                    List.of("card.viewed"),
                    null),
                50);
    String id = endpoint.endpoint().id();
    store
        .jdbc()
        .sql("update webhook_endpoints set secret_ciphertext = :ciphertext where id = :id")
        .param("ciphertext", SecretCipher.fromKeysetJson(OLD_KEYSET).encrypt(endpoint.secret(), id))
        .param("id", id)
        .update();
    return endpoint;
  }

  private String dispatch(CreatedEndpoint endpoint, String payload) {
    return dispatch(endpoint, payload, List.of(NEXT_DELAY));
  }

  private String dispatch(CreatedEndpoint endpoint, String payload, List<Duration> schedule) {
    return store
        .dispatches()
        .dispatch(
            new NewEvent(
                Ids.newId("evt"),
                userId,
                null,
                "card.viewed",
                payload,
                Instant.now(),
                schedule,
                endpoint.endpoint().id()))
        .deliveries()
        .getFirst()
        .id();
  }

  private DeliveryDetail detail(CreatedEndpoint endpoint, String deliveryId) {
    return store
        .deliveryLog()
        .findDetail(userId, endpoint.endpoint().id(), deliveryId)
        .orElseThrow();
  }

  private double undecryptableCount() {
    return meters
        .get(AttemptMetrics.ATTEMPTS)
        .tag("outcome", "secret_undecryptable")
        .tag("status_class", "none")
        .counter()
        .count();
  }

  private static AttemptRequest scheduled(String deliveryId, Duration delayIfItFails) {
    return new AttemptRequest(deliveryId, AttemptTrigger.SCHEDULED, delayIfItFails);
  }

  private static Map<String, List<String>> headers(LoggedRequest request) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (String name : List.of("webhook-id", "webhook-timestamp", "webhook-signature")) {
      headers.put(name, List.of(request.getHeader(name)));
    }
    return headers;
  }
}
