package com.devcard.webhooks.app.operators;

import com.devcard.webhooks.app.WebhooksApplication;
import com.devcard.webhooks.testkit.WithWebhooksStack;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The whole application, ephemeral, with a schedule of two attempts 20 s apart (long enough to act
 * on a delivery while it waits) and reconciler sweeps every second or two. One context shared by
 * the classes that use it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@WithWebhooksStack
@SpringBootTest(
    classes = WebhooksApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "webhooks.allow-http=true",
      "webhooks.allow-private-targets=true",
      "webhooks.retry-delays=20s",
      "webhooks.delivery.timeout=2s",
      "webhooks.reconciler.unstarted-every=1s",
      "webhooks.reconciler.full-sweep-every=2s",
      "webhooks.metrics.backlog-every=1s"
    })
@interface OperatorAppTest {}
