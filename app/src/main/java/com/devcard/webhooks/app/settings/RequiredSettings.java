package com.devcard.webhooks.app.settings;

import com.devcard.webhooks.app.roles.RoleProperties;
import java.util.ArrayList;
import java.util.List;
import org.springframework.core.env.Environment;

/**
 * What the service cannot run without, and which it never guesses: its database, its Temporal
 * server, the master key, and for the api role a way to check tokens. No profile supplies them by
 * default; only the dev runtime fills them in, and only when it is asked for.
 */
final class RequiredSettings {

  static final String MASTER_KEY = "WEBHOOKS_MASTER_KEY";

  private RequiredSettings() {}

  /** The environment variables that are missing, by the names operators set; empty when none. */
  static List<String> missingFrom(Environment environment) {
    List<String> missing = new ArrayList<>();
    if (isBlank(environment, "spring.datasource.url")) {
      missing.add("SPRING_DATASOURCE_URL");
    }
    if (isBlank(environment, "temporal.address")) {
      missing.add("TEMPORAL_ADDRESS");
    }
    if (isBlank(environment, "webhooks.master-key")) {
      missing.add(MASTER_KEY);
    }
    if (RoleProperties.of(environment).runs("api")
        && isBlank(environment, "webhooks.jwt.secret")
        && isBlank(environment, "webhooks.jwt.jwk-set-uri")) {
      missing.add("WEBHOOKS_JWT_SECRET (or WEBHOOKS_JWK_SET_URI)");
    }
    return missing;
  }

  private static boolean isBlank(Environment environment, String key) {
    String value = environment.getProperty(key);
    return value == null || value.isBlank();
  }
}
