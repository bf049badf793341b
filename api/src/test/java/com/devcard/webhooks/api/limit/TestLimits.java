package com.devcard.webhooks.api.limit;

import com.devcard.webhooks.store.limit.ManualActionRepository;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The per-user limits with their defaults, wired on a test database as the application wires them.
 */
public final class TestLimits {

  private TestLimits() {}

  public static UserLimitsProperties defaults() {
    return new UserLimitsProperties(10, 20);
  }

  public static ManualActionLimiter limiter(JdbcClient jdbc) {
    return new ManualActionLimiter(new ManualActionRepository(jdbc), defaults());
  }
}
