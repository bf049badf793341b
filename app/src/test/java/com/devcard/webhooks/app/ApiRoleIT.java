package com.devcard.webhooks.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.worker.WorkerFactory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** {@code WEBHOOKS_ROLES=api}: the process serves the API and runs no Temporal worker. */
@ProductionApiTest
class ApiRoleIT {

  @Autowired ApplicationContext context;
  @Autowired AppClient app;

  @Test
  void servesTheApiAndRunsNoTemporalWorker() {
    assertThat(context.getBeanNamesForType(WorkerFactory.class)).isEmpty();
    assertThat(context.containsBean("deliveryActivitiesImpl")).isFalse();
    assertThat(app.get("/api/webhooks", null).status()).isEqualTo(401);
  }
}
