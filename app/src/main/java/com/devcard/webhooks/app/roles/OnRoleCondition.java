package com.devcard.webhooks.app.roles;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches when the role named by {@link ConditionalOnRole} is among {@code webhooks.roles}. */
class OnRoleCondition implements Condition {

  static final Set<String> KNOWN_ROLES = Set.of("api", "worker");

  @Override
  public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
    String role =
        (String) metadata.getAnnotationAttributes(ConditionalOnRole.class.getName()).get("value");
    return roles(context.getEnvironment().getProperty("webhooks.roles", "api,worker"))
        .contains(role);
  }

  /** Parses {@code api,worker}; an unknown role stops the start with a clear message. */
  static Set<String> roles(String value) {
    Set<String> roles =
        Arrays.stream(value.split(","))
            .map(role -> role.trim().toLowerCase(Locale.ROOT))
            .filter(role -> !role.isEmpty())
            .collect(Collectors.toSet());
    for (String role : roles) {
      if (!KNOWN_ROLES.contains(role)) {
        throw new IllegalStateException(
            "WEBHOOKS_ROLES lists an unknown role '" + role + "': use api, worker or api,worker");
      }
    }
    if (roles.isEmpty()) {
      throw new IllegalStateException("WEBHOOKS_ROLES is empty: use api, worker or api,worker");
    }
    return roles;
  }
}
