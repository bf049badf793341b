package com.devcard.webhooks.app.roles;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.env.Environment;

/**
 * {@code WEBHOOKS_ROLES}: which parts this process runs, {@code api}, {@code worker} or both. An
 * unknown or empty list stops the start with a clear message.
 */
@ConfigurationProperties(prefix = "webhooks")
public record RoleProperties(@DefaultValue({"api", "worker"}) Set<String> roles) {

  static final Set<String> KNOWN_ROLES = Set.of("api", "worker");

  public RoleProperties {
    roles =
        roles.stream()
            .map(role -> role.trim().toLowerCase(Locale.ROOT))
            .filter(role -> !role.isEmpty())
            .collect(Collectors.toUnmodifiableSet());
    for (String role : roles) {
      if (!KNOWN_ROLES.contains(role)) {
        throw new IllegalStateException(
            "WEBHOOKS_ROLES lists an unknown role '" + role + "': use api, worker or api,worker");
      }
    }
    if (roles.isEmpty()) {
      throw new IllegalStateException("WEBHOOKS_ROLES is empty: use api, worker or api,worker");
    }
  }

  /**
   * The roles as configured, read before any bean exists: conditions and startup checks need them
   * while the context is still being built.
   */
  public static RoleProperties of(Environment environment) {
    return Binder.get(environment).bindOrCreate("webhooks", RoleProperties.class);
  }

  public boolean runs(String role) {
    return roles.contains(role);
  }
}
