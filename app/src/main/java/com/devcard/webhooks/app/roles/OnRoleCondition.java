package com.devcard.webhooks.app.roles;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches when the role named by {@link ConditionalOnRole} is among {@code WEBHOOKS_ROLES}. */
class OnRoleCondition implements Condition {

  @Override
  public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
    String role =
        (String) metadata.getAnnotationAttributes(ConditionalOnRole.class.getName()).get("value");
    return RoleProperties.of(context.getEnvironment()).runs(role);
  }
}
