package com.devcard.webhooks.app.operators;

import com.devcard.webhooks.app.RunningApp;
import com.devcard.webhooks.testkit.WithWebhooksStack;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Order;
import org.springframework.test.context.TestPropertySource;

/**
 * The test context of what operators do and watch: a schedule of two attempts 20 s apart (long
 * enough to act on a delivery while it waits), reconciler sweeps every second or two, backlog
 * gauges counted every second, and the JSON log lines {@code LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs}
 * gives.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@WithWebhooksStack
@RunningApp
@Order(3)
@TestPropertySource(
    properties = {
      "webhooks.allow-http=true",
      "webhooks.allow-private-targets=true",
      "webhooks.retry-delays=20s",
      "webhooks.delivery.timeout=2s",
      "webhooks.reconciler.unstarted-every=1s",
      "webhooks.reconciler.full-sweep-every=2s",
      "webhooks.metrics.backlog-every=1s",
      // what LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs sets from the environment
      "logging.structured.format.console=ecs"
    })
@interface OperatorAppTest {}
