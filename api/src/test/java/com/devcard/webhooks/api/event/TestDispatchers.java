package com.devcard.webhooks.api.event;

import com.devcard.webhooks.api.delivery.FairAdmission;
import com.devcard.webhooks.api.eventtype.TestEventTypes;
import com.devcard.webhooks.api.receiver.ReceiverCounters;
import com.devcard.webhooks.store.testing.TestStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import tools.jackson.databind.json.JsonMapper;

/** A dispatcher on the store and admission a test gives, with the default retry schedule. */
final class TestDispatchers {

  private TestDispatchers() {}

  static Dispatcher on(TestStore store, FairAdmission admission) {
    return new Dispatcher(
        store.dispatches(),
        admission,
        TestEventTypes.catalog(),
        new DispatchProperties("30s,5m,30m"),
        JsonMapper.builder().build(),
        new ReceiverCounters(new SimpleMeterRegistry()));
  }
}
