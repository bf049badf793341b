package com.devcard.webhooks.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.devcard.webhooks.app.settings.MissingSettingsException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * No profile is on by default, and no setting the service cannot run without is guessed: it refuses
 * to start half-configured, naming every missing setting at once. Settings are given as operators
 * give them, as environment variables.
 */
class ProductionSettingsTest {

  @Test
  void withNoConfigurationAtAllTheStartStopsNamingEveryMissingSetting() {
    Throwable failure = startFailure(Map.of());

    assertThat(failure).isInstanceOf(MissingSettingsException.class);
    assertThat(((MissingSettingsException) failure).missing())
        .containsExactly(
            "SPRING_DATASOURCE_URL",
            "TEMPORAL_ADDRESS",
            "WEBHOOKS_MASTER_KEY",
            "WEBHOOKS_JWT_SECRET (or WEBHOOKS_JWK_SET_URI)");
  }

  @Test
  void withoutAMasterKeyTheStartStopsNamingOnlyThatSetting() {
    Throwable failure =
        startFailure(
            Map.of(
                "SPRING_DATASOURCE_URL", "jdbc:postgresql://127.0.0.1:1/none",
                "TEMPORAL_ADDRESS", "127.0.0.1:1",
                "WEBHOOKS_JWT_SECRET", "0123456789abcdef0123456789abcdef"));

    assertThat(((MissingSettingsException) failure).missing())
        .containsExactly("WEBHOOKS_MASTER_KEY");
  }

  @Test
  void aWorkerNeedsNoTokenSettings() {
    Throwable failure = startFailure(Map.of("WEBHOOKS_ROLES", "worker"));

    assertThat(((MissingSettingsException) failure).missing())
        .containsExactly("SPRING_DATASOURCE_URL", "TEMPORAL_ADDRESS", "WEBHOOKS_MASTER_KEY");
  }

  @Test
  void anUnknownRoleIsRefusedByName() {
    Throwable failure = startFailure(Map.of("WEBHOOKS_ROLES", "api,wroker"));

    assertThat(rootMessages(failure)).contains("WEBHOOKS_ROLES lists an unknown role 'wroker'");
  }

  @Test
  void anInvalidMasterKeyIsRefusedWithoutEchoingIt() {
    Throwable failure =
        startFailure(
            Map.of(
                "SPRING_DATASOURCE_URL", "jdbc:postgresql://127.0.0.1:1/none",
                "TEMPORAL_ADDRESS", "127.0.0.1:1",
                "SPRING_LIQUIBASE_ENABLED", "false",
                "WEBHOOKS_JWT_SECRET", "0123456789abcdef0123456789abcdef",
                "WEBHOOKS_MASTER_KEY", "not-a-keyset-but-secret-text"));

    assertThat(rootMessages(failure))
        .contains("WEBHOOKS_MASTER_KEY is not a valid Tink JSON keyset")
        .doesNotContain("not-a-keyset-but-secret-text");
  }

  /** Starts the service with exactly these environment variables, none inherited. */
  private static Throwable startFailure(Map<String, Object> variables) {
    StandardEnvironment environment = new StandardEnvironment();
    environment
        .getPropertySources()
        .replace(
            StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
            new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
    SpringApplication application = new SpringApplication(WebhooksApplication.class);
    application.setWebApplicationType(WebApplicationType.NONE);
    application.setEnvironment(environment);
    try {
      application.run().close();
    } catch (RuntimeException expected) {
      return expected;
    }
    throw new AssertionError("the application started");
  }

  private static String rootMessages(Throwable failure) {
    StringBuilder messages = new StringBuilder();
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      messages.append(cause.getMessage()).append('\n');
    }
    return messages.toString();
  }
}
