package com.devcard.webhooks.app;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The whole application on a random port, configured as in production, with an {@link AppClient}
 * bean to call it. Each test-context annotation ({@link AppTest}, {@link ProductionApiTest}, ...)
 * adds the stack it runs against and the settings of its one context: Spring caches a context per
 * configuration, so every class with the same annotation shares that context and its stack. Each
 * also carries an {@code @Order}, so that the failsafe run takes its classes one after the other
 * and needs the context once.
 */
@Target({ElementType.ANNOTATION_TYPE, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
    classes = {WebhooksApplication.class, AppClient.class},
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public @interface RunningApp {}
