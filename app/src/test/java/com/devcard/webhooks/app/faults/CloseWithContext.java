package com.devcard.webhooks.app.faults;

import java.util.List;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Servers the test owns are closed together with the app's context, right after its Temporal worker
 * and scheduled tasks have stopped, so the app never outlives them and spins against a server that
 * is gone.
 */
final class CloseWithContext {

  private static final String NAME = "faultTestServers";

  private CloseWithContext() {}

  /** Registers the servers once per context; they close in the order given. */
  static void register(ConfigurableApplicationContext context, AutoCloseable... servers) {
    if (context.getBeanFactory() instanceof DefaultSingletonBeanRegistry registry
        && !registry.containsSingleton(NAME)) {
      List<AutoCloseable> toClose = List.of(servers);
      registry.registerSingleton(NAME, toClose);
      registry.registerDisposableBean(
          NAME,
          () -> {
            for (AutoCloseable server : toClose) {
              server.close();
            }
          });
    }
  }
}
