package com.devcard.webhooks.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives each Spring application context of the annotated test a {@link WebhooksStack} of its own:
 * its settings come first among the context's property sources (after the test's own inlined
 * properties, which may override them), the stack is a bean, and it closes after every other bean
 * of the context. Contexts are cached as usual, so test classes with the same configuration share
 * one context and one stack.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface WithWebhooksStack {

  /**
   * A stack whose PostgreSQL and Temporal belong to it alone, for tests that stop and start them
   * again ({@link WebhooksStack#startRestartable()}); by default the stack shares the JVM's
   * PostgreSQL and runs Temporal in this JVM.
   */
  boolean restartable() default false;
}
