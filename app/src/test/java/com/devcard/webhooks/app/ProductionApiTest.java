package com.devcard.webhooks.app;

import com.devcard.webhooks.testkit.WithWebhooksStack;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Order;
import org.springframework.test.context.TestPropertySource;

/**
 * A test context of the api role alone ({@code WEBHOOKS_ROLES=api}: no Temporal worker) with the
 * production target rules (https only, no private, loopback or link-local addresses) and a required
 * token audience. For tests of what the API accepts, which never need a delivery to be made.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@WithWebhooksStack
@RunningApp
@Order(2)
@TestPropertySource(
    properties = {
      "webhooks.roles=api",
      "webhooks.allow-http=false",
      "webhooks.allow-private-targets=false",
      "webhooks.jwt.audience=" + TestTokens.AUDIENCE
    })
public @interface ProductionApiTest {}
