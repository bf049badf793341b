package com.devcard.webhooks.worker.attempt;

import com.devcard.webhooks.netguard.HostResolver;
import com.devcard.webhooks.netguard.TargetPolicy;
import com.devcard.webhooks.store.endpoint.EndpointRepository;
import com.devcard.webhooks.store.secret.SecretCipher;
import com.devcard.webhooks.store.testing.TestStore;
import com.devcard.webhooks.worker.DeliveryProperties;
import com.devcard.webhooks.worker.ReceiverProperties;
import com.devcard.webhooks.worker.http.OperationalHttpClient;
import com.devcard.webhooks.worker.http.OutboundHttpSettings;
import com.devcard.webhooks.worker.http.WebhookHttpClient;
import com.devcard.webhooks.workflows.DeliveryActivities;
import com.devcard.webhooks.workflows.DeliverySearchAttributes;
import com.devcard.webhooks.workflows.DeliveryWorkflowImpl;
import com.devcard.webhooks.workflows.TaskQueues;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.common.RetryOptions;
import io.temporal.testing.TestActivityEnvironment;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The attempt and recovery activities on a test store, wired as the worker wires them, with what
 * tests seldom vary set for tests: a 2 s deadline, receivers on the loopback address allowed, the
 * store's master keyset, one in-memory meter registry. Each {@code with} answers a copy; every copy
 * shares the meters and one list of what was opened (HTTP clients, Temporal environments), which
 * {@link #close()} closes: after each test when registered as an extension on an instance field.
 */
public final class TestActivities implements AfterEachCallback, AutoCloseable {

  /** The {@code User-Agent} every request of these activities carries. */
  public static final String USER_AGENT = "DevCard-Webhooks/test";

  private final TestStore store;
  private final SimpleMeterRegistry meters;
  private final List<AutoCloseable> opened;
  private Duration timeout = Duration.ofSeconds(2);
  private boolean allowPrivateTargets = true;
  private EndpointRepository endpoints;
  private Duration keysetRolloutGrace = DeliveryProperties.DEFAULT_KEYSET_ROLLOUT_GRACE;

  private TestActivities(TestStore store, SimpleMeterRegistry meters, List<AutoCloseable> opened) {
    this.store = store;
    this.meters = meters;
    this.opened = opened;
    this.endpoints = store.endpoints();
  }

  public static TestActivities on(TestStore store) {
    return new TestActivities(store, new SimpleMeterRegistry(), new ArrayList<>());
  }

  /** Where the attempt and receiver metrics go. */
  public SimpleMeterRegistry meters() {
    return meters;
  }

  public TestActivities withTimeout(Duration timeout) {
    return copy(copy -> copy.timeout = timeout);
  }

  /** False for the production rule: no receiver on a private or loopback address. */
  public TestActivities withPrivateTargets(boolean allowPrivateTargets) {
    return copy(copy -> copy.allowPrivateTargets = allowPrivateTargets);
  }

  /**
   * A worker whose master keyset is another than the one the store encrypted with, and how long it
   * leaves an attempt it cannot decrypt to Temporal's retries.
   */
  public TestActivities withWorkerKeyset(SecretCipher keyset, Duration keysetRolloutGrace) {
    return copy(
        copy -> {
          copy.endpoints =
              new EndpointRepository(
                  store.jdbc(),
                  keyset,
                  new TransactionTemplate(new DataSourceTransactionManager(store.dataSource())));
          copy.keysetRolloutGrace = keysetRolloutGrace;
        });
  }

  private TestActivities copy(Consumer<TestActivities> change) {
    TestActivities copy = new TestActivities(store, meters, opened);
    copy.timeout = timeout;
    copy.allowPrivateTargets = allowPrivateTargets;
    copy.endpoints = endpoints;
    copy.keysetRolloutGrace = keysetRolloutGrace;
    change.accept(copy);
    return copy;
  }

  /** A new attempt activity with HTTP clients of its own. */
  public DeliveryActivitiesImpl attempts() {
    OutboundHttpSettings settings = new OutboundHttpSettings(timeout, USER_AGENT);
    WebhookHttpClient http =
        new WebhookHttpClient(
            settings, new TargetPolicy(true, allowPrivateTargets, HostResolver.system()));
    opened.add(http);
    OperationalHttpClient operationalHttp = new OperationalHttpClient(settings);
    opened.add(operationalHttp);
    return new DeliveryActivitiesImpl(
        store.attemptRecords(),
        store.cancellations(),
        endpoints,
        store.rateLimits(),
        http,
        settings,
        new AttemptMetrics(meters),
        new DeliveryProperties(timeout, keysetRolloutGrace),
        ReceiverProperties.DEFAULTS,
        operationalHttp,
        new ReceiverMetrics(meters));
  }

  /** Recovery items and releases through the given attempt activity. */
  public RecoveryActivitiesImpl recoveries(DeliveryActivitiesImpl attempts) {
    return new RecoveryActivitiesImpl(
        store.recoveries(), store.attemptRecords(), attempts, new ReceiverMetrics(meters));
  }

  /**
   * The activity behind a stub of Temporal's activity environment, which gives each call a real
   * activity context (run id, activity id); a failed call is not retried.
   */
  public DeliveryActivities inActivityEnvironment(DeliveryActivities implementation) {
    TestActivityEnvironment environment = TestActivityEnvironment.newInstance();
    opened.add(environment::close);
    environment.registerActivitiesImplementations(implementation);
    return environment.newActivityStub(
        DeliveryActivities.class,
        ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofMinutes(2))
            .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
            .build());
  }

  /**
   * Temporal's test server with the delivery search attributes registered and a started worker on
   * the delivery task queue: the real workflow over the given activity.
   */
  public TestWorkflowEnvironment deliveryWorker(
      TestEnvironmentOptions options, DeliveryActivities activities) {
    TestWorkflowEnvironment testEnv = TestWorkflowEnvironment.newInstance(options);
    opened.add(testEnv::close);
    DeliverySearchAttributes.ALL.forEach(
        key ->
            testEnv.registerSearchAttribute(
                key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));
    Worker worker = testEnv.newWorker(TaskQueues.DELIVERY);
    worker.registerWorkflowImplementationTypes(DeliveryWorkflowImpl.class);
    worker.registerActivitiesImplementations(activities);
    testEnv.start();
    return testEnv;
  }

  @Override
  public void afterEach(ExtensionContext context) {
    close();
  }

  /** Closes what every copy opened, the latest first. */
  @Override
  public void close() {
    for (AutoCloseable closeable : opened.reversed()) {
      try {
        closeable.close();
      } catch (Exception e) {
        throw new IllegalStateException("could not close " + closeable, e);
      }
    }
    opened.clear();
  }
}
