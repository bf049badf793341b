package com.devcard.webhooks.testkit;

import java.util.List;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Starts a {@link WebhooksStack} for each context of a test annotated {@link WithWebhooksStack}.
 * The settings are added while the context is prepared, before any bean exists, so the service's
 * startup check and its beans see them like environment variables.
 */
class WebhooksStackContextCustomizerFactory implements ContextCustomizerFactory {

  private static final String INLINED_TEST_PROPERTIES = "Inlined Test Properties";

  @Override
  public ContextCustomizer createContextCustomizer(
      Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
    MergedAnnotation<WithWebhooksStack> wanted =
        MergedAnnotations.from(testClass, MergedAnnotations.SearchStrategy.TYPE_HIERARCHY)
            .get(WithWebhooksStack.class);
    return wanted.isPresent() ? new StackCustomizer(wanted.getBoolean("restartable")) : null;
  }

  /**
   * Equal to every other of the same kind of stack, so it splits the context cache only where the
   * stacks differ.
   */
  private record StackCustomizer(boolean restartable) implements ContextCustomizer {

    @Override
    public void customizeContext(
        ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
      WebhooksStack stack = restartable ? WebhooksStack.startRestartable() : WebhooksStack.start();
      MutablePropertySources sources = context.getEnvironment().getPropertySources();
      MapPropertySource settings = new MapPropertySource("webhooksStack", stack.settings());
      if (sources.contains(INLINED_TEST_PROPERTIES)) {
        sources.addAfter(INLINED_TEST_PROPERTIES, settings);
      } else {
        sources.addFirst(settings);
      }
      context.getBeanFactory().registerSingleton("webhooksStack", stack);
      if (context.getBeanFactory() instanceof DefaultSingletonBeanRegistry registry) {
        // Registered before every other bean, so destroyed after them: the app's workers and
        // pool stop before their servers do.
        registry.registerDisposableBean("webhooksStack", stack::close);
      }
    }
  }
}
