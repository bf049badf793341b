package com.devcard.webhooks.store.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.devcard.webhooks.store.endpoint.NewEndpoint;
import com.devcard.webhooks.store.testing.TestStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The sliding window of the manual actions' rate limit, in the database. */
class ManualActionRepositoryTest {

  private static final Duration MINUTE = Duration.ofMinutes(1);

  private static final TestStore store = TestStore.fresh();
  private static final ManualActionRepository actions = new ManualActionRepository(store.jdbc());

  private final String endpointId = newEndpoint();

  @Test
  void theLimitIsAdmittedThenTheNextIsRefusedUntilTheOldestLeavesTheWindow() {
    for (int i = 0; i < 3; i++) {
      assertThat(actions.admit(endpointId, "test", 3, MINUTE).admitted()).isTrue();
    }

    Admission refused = actions.admit(endpointId, "test", 3, MINUTE);

    assertThat(refused.admitted()).isFalse();
    assertThat(refused.retryAfter())
        .isGreaterThan(Duration.ofSeconds(50))
        .isLessThanOrEqualTo(MINUTE);
    assertThat(admittedTimes(endpointId, "test")).isEqualTo(3);
  }

  @Test
  void actionsAndEndpointsHaveWindowsOfTheirOwn() {
    assertThat(actions.admit(endpointId, "test", 1, MINUTE).admitted()).isTrue();
    assertThat(actions.admit(endpointId, "test", 1, MINUTE).admitted()).isFalse();

    assertThat(actions.admit(endpointId, "retry", 1, MINUTE).admitted()).isTrue();
    assertThat(actions.admit(endpointId, "recover", 1, MINUTE).admitted()).isTrue();
    assertThat(actions.admit(newEndpoint(), "test", 1, MINUTE).admitted()).isTrue();
  }

  @Test
  void timesThatLeftTheWindowNoLongerCountAndAreDropped() {
    // Three admissions from two minutes ago, as if the window had moved on since.
    store
        .jdbc()
        .sql(
            "insert into webhook_manual_action_times (endpoint_id, action, admitted_at)"
                + " values (:id, 'retry', array[now() - interval '2 minutes',"
                + " now() - interval '2 minutes', now() - interval '90 seconds'])")
        .param("id", endpointId)
        .update();

    assertThat(actions.admit(endpointId, "retry", 3, MINUTE).admitted()).isTrue();

    assertThat(admittedTimes(endpointId, "retry")).isOne();
  }

  @Test
  void retryAfterIsWhenTheOldestCountingAdmissionLeaves() {
    store
        .jdbc()
        .sql(
            "insert into webhook_manual_action_times (endpoint_id, action, admitted_at)"
                + " values (:id, 'recover', array[now() - interval '45 seconds',"
                + " now() - interval '10 seconds'])")
        .param("id", endpointId)
        .update();

    Admission refused = actions.admit(endpointId, "recover", 2, MINUTE);

    assertThat(refused.admitted()).isFalse();
    assertThat(refused.retryAfter())
        .isGreaterThan(Duration.ofSeconds(13))
        .isLessThanOrEqualTo(Duration.ofSeconds(15));
  }

  @Test
  void concurrentRequestsAdmitExactlyTheLimit() throws Exception {
    List<Callable<Boolean>> requests = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      requests.add(() -> actions.admit(endpointId, "retry", 10, MINUTE).admitted());
    }

    int admitted = 0;
    ExecutorService pool = Executors.newFixedThreadPool(20);
    try {
      for (Future<Boolean> result : pool.invokeAll(requests)) {
        admitted += result.get() ? 1 : 0;
      }
    } finally {
      pool.shutdown();
    }

    assertThat(admitted).isEqualTo(10);
    assertThat(admittedTimes(endpointId, "retry")).isEqualTo(10);
  }

  @Test
  void anUnknownActionOrALimitBelowOneIsRefused() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> actions.admit(endpointId, "delete", 1, MINUTE));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> actions.admit(endpointId, "test", 0, MINUTE));
  }

  private static int admittedTimes(String endpointId, String action) {
    return store
        .jdbc()
        .sql(
            "select cardinality(admitted_at) from webhook_manual_action_times"
                + " where endpoint_id = :id and action = :action")
        .param("id", endpointId)
        .param("action", action)
        .query(Integer.class)
        .single();
  }

  private static String newEndpoint() {
    return store
        .endpoints()
        .create(
            new NewEndpoint(
                "user-" + UUID.randomUUID(), "https://hooks.example.com/in", List.of("a"), null),
            5)
        .endpoint()
        .id();
  }
}
