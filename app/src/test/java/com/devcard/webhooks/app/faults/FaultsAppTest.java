package com.devcard.webhooks.app.faults;

import com.devcard.webhooks.app.RunningApp;
import com.devcard.webhooks.testkit.WebhooksStack;
import com.devcard.webhooks.testkit.WithWebhooksStack;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Order;
import org.springframework.test.context.TestPropertySource;

/**
 * The test context of infrastructure faults: the app runs against a restartable stack, a PostgreSQL
 * server and a Temporal process of its own ({@link WebhooksStack#postgres()}, {@link
 * WebhooksStack#temporalProcess()}). Each test stages its outage on them and has them running again
 * before it ends, so the next test finds the app whole.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@WithWebhooksStack(restartable = true)
@RunningApp
@Order(4)
@TestPropertySource(
    properties = {
      "webhooks.allow-http=true",
      "webhooks.allow-private-targets=true",
      // a failed attempt waits 8 s for the second and last: time to restart Temporal meanwhile
      "webhooks.retry-delays=8s,1s",
      // attempts held at the receiver through a 10 s database outage do not time out
      "webhooks.delivery.timeout=20s",
      "webhooks.reconciler.unstarted-every=1s",
      "webhooks.reconciler.full-sweep-every=2s"
    })
@interface FaultsAppTest {}
