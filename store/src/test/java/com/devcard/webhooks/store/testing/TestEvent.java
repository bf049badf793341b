package com.devcard.webhooks.store.testing;

import com.devcard.webhooks.store.Ids;
import com.devcard.webhooks.store.delivery.DispatchRepository;
import com.devcard.webhooks.store.delivery.DispatchResult;
import com.devcard.webhooks.store.delivery.NewEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A new event of a user, dispatched through the real repository: of type {@code a}, payload {@code
 * {}}, created now, one retry 30 s after a failed first attempt, no place on the express lane,
 * unless a test says otherwise.
 */
public final class TestEvent {

  private final DispatchRepository dispatches;
  private final String userId;
  private final String onlyEndpointId;
  private String eventType = "a";
  private String payload = "{}";
  private Instant createdAt = Instant.now();
  private List<Duration> retryDelays = List.of(Duration.ofSeconds(30));
  private int expressPerUser = 0;

  TestEvent(DispatchRepository dispatches, String userId, String onlyEndpointId) {
    this.dispatches = dispatches;
    this.userId = userId;
    this.onlyEndpointId = onlyEndpointId;
  }

  public TestEvent type(String eventType) {
    this.eventType = eventType;
    return this;
  }

  public TestEvent payload(String payload) {
    this.payload = payload;
    return this;
  }

  public TestEvent createdAt(Instant createdAt) {
    this.createdAt = createdAt;
    return this;
  }

  public TestEvent retryDelays(List<Duration> retryDelays) {
    this.retryDelays = retryDelays;
    return this;
  }

  /** The places its user has on the express lane, as admission's setting gives them. */
  public TestEvent expressPerUser(int expressPerUser) {
    this.expressPerUser = expressPerUser;
    return this;
  }

  public DispatchResult dispatch() {
    return dispatches.dispatch(
        new NewEvent(
            Ids.newId("evt"),
            userId,
            null,
            eventType,
            payload,
            createdAt,
            retryDelays,
            onlyEndpointId),
        expressPerUser);
  }

  /** Dispatches the event and answers its first delivery's id: the only one, when aimed. */
  public String deliver() {
    return dispatch().deliveries().getFirst().id();
  }
}
