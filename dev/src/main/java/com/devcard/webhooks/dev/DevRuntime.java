package com.devcard.webhooks.dev;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

/**
 * The embedded servers this process started. Registered as the first disposable bean, so it is
 * closed last: after the Temporal worker and the connection pool are gone.
 */
final class DevRuntime implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(DevRuntime.class);

  private final List<AutoCloseable> servers = new ArrayList<>();

  void add(AutoCloseable server) {
    servers.add(server);
  }

  boolean isEmpty() {
    return servers.isEmpty();
  }

  @Override
  public void destroy() {
    for (int i = servers.size() - 1; i >= 0; i--) {
      try {
        servers.get(i).close();
      } catch (Exception exception) {
        log.warn("an embedded dev server did not stop cleanly", exception);
      }
    }
    servers.clear();
  }
}
