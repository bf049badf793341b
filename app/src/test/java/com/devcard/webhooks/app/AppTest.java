package com.devcard.webhooks.app;

import com.devcard.webhooks.testkit.WithWebhooksStack;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Order;
import org.springframework.test.context.TestPropertySource;

/**
 * The default test context: the whole application against a stack of its own (a real PostgreSQL
 * database, a real Temporal frontend), on a quick schedule. Receivers in tests listen on loopback
 * over http, so those targets are allowed. Tests sharing it keep apart by using users of their own.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@WithWebhooksStack
@RunningApp
@Order(1)
@TestPropertySource(
    properties = {
      "webhooks.allow-http=true",
      "webhooks.allow-private-targets=true",
      // four attempts within seconds: retries 1, 2 and 3 s apart, each attempt cut at 2 s
      "webhooks.retry-delays=1s,2s,3s",
      "webhooks.delivery.timeout=2s",
      // two a second, so that the pacing of a recovery shows with a handful of deliveries
      "webhooks.recovery.rate=2",
      // an attempt whose secret no key opens is recorded failed at once
      "webhooks.delivery.keyset-rollout-grace=0s",
      // The full sweep stays at its default: it would start runs of deliveries a test writes
      // through the store.
      "webhooks.reconciler.unstarted-every=1s",
      "webhooks.reconciler.recoveries-every=1s",
      "webhooks.secrets.erase-expired-every=1s",
      "webhooks.metrics.backlog-every=1s"
    })
public @interface AppTest {}
