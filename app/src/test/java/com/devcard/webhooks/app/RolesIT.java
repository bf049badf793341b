package com.devcard.webhooks.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.devcard.webhooks.testkit.WithWebhooksStack;
import io.temporal.worker.WorkerFactory;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/** {@code WEBHOOKS_ROLES} switches the parts one process runs. */
class RolesIT {

  @Nested
  @WithWebhooksStack
  @SpringBootTest(
      classes = WebhooksApplication.class,
      webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
      properties = {
        "webhooks.allow-http=true",
        "webhooks.allow-private-targets=true",
        "webhooks.roles=api"
      })
  class ApiOnly {

    @Autowired ApplicationContext context;
    @LocalServerPort int port;

    @Test
    void servesTheApiAndRunsNoTemporalWorker() {
      assertThat(context.getBeanNamesForType(WorkerFactory.class)).isEmpty();
      assertThat(context.containsBean("deliveryActivitiesImpl")).isFalse();
      assertThat(new ApiClient(port).get("/api/webhooks", null).status()).isEqualTo(401);
    }
  }

  @Nested
  @WithWebhooksStack
  @SpringBootTest(
      classes = WebhooksApplication.class,
      webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
      properties = {
        "webhooks.allow-http=true",
        "webhooks.allow-private-targets=true",
        "webhooks.roles=worker"
      })
  class WorkerOnly {

    @Autowired ApplicationContext context;
    @LocalServerPort int port;

    @Test
    void runsTheTemporalWorkerAndServesHealthButNoApi() {
      assertThat(context.getBeanNamesForType(WorkerFactory.class)).hasSize(1);
      assertThat(context.containsBean("deliveryActivitiesImpl")).isTrue();
      ApiClient api = new ApiClient(port);
      assertThat(api.get("/actuator/health", null).status()).isEqualTo(200);
      assertThat(api.get("/api/webhooks", null).status()).isEqualTo(404);
    }
  }
}
