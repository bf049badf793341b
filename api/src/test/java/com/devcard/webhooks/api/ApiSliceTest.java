package com.devcard.webhooks.api;

import com.devcard.webhooks.testkit.WithWebhooksStack;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.context.annotation.FilterType;
import org.springframework.test.context.ContextConfiguration;

/**
 * A MockMvc slice of the api module: its controllers, security, error handling and the
 * collaborators they call, wired as the application wires them, on a stack of the context's own (a
 * migrated PostgreSQL database and a Temporal frontend without a worker, so started workflows
 * wait). Test classes that carry this annotation and nothing else that shapes the context share one
 * cached context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@WithWebhooksStack
// The settings records are found by a scan that honours the slice's filter: let them through. The
// stack supplies the token secret (webhooks.jwt.secret) with its other settings.
@WebMvcTest(
    includeFilters = @Filter(type = FilterType.ANNOTATION, classes = ConfigurationProperties.class))
@ContextConfiguration(classes = ApiSliceConfiguration.class)
public @interface ApiSliceTest {}
