package com.devcard.webhooks.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.devcard.webhooks.testkit.WithWebhooksStack;
import io.temporal.worker.WorkerFactory;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestPropertySource;

/**
 * {@code WEBHOOKS_ROLES=worker}: the process runs the Temporal worker and serves health, but no
 * API. The one test context of its kind.
 */
@WithWebhooksStack
@RunningApp
@Order(5)
@TestPropertySource(properties = "webhooks.roles=worker")
class WorkerRoleIT {

  @Autowired ApplicationContext context;
  @Autowired AppClient app;

  @Test
  void runsTheTemporalWorkerAndServesHealthButNoApi() {
    assertThat(context.getBeanNamesForType(WorkerFactory.class)).hasSize(1);
    assertThat(context.containsBean("deliveryActivitiesImpl")).isTrue();
    assertThat(app.get("/actuator/health", null).status()).isEqualTo(200);
    assertThat(app.get("/api/webhooks", null).status()).isEqualTo(404);
  }
}
