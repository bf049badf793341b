package com.devcard.webhooks.app;

import com.devcard.webhooks.testkit.WithWebhooksStack;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The whole application on a random port, configured as in production, against a stack of its own:
 * a real PostgreSQL database and a real Temporal frontend on free loopback ports. Receivers in
 * tests listen on loopback over http, so those targets are allowed.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@WithWebhooksStack
@SpringBootTest(
    classes = WebhooksApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"webhooks.allow-http=true", "webhooks.allow-private-targets=true"})
public @interface AppTest {}
