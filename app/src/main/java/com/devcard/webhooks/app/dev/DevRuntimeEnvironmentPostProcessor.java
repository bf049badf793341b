package com.devcard.webhooks.app.dev;

import com.devcard.webhooks.store.secret.SecretCipher;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.Profiles;

/**
 * The dev profile's one-command runtime. Before any bean exists, it starts what is not configured:
 * PostgreSQL unless {@code SPRING_DATASOURCE_URL} is set, Temporal unless {@code TEMPORAL_ADDRESS}
 * is set, and it supplies a master key and a JWT secret kept in the dev data folder. The app then
 * reaches both servers through their ports, exactly as in production.
 *
 * <p>With {@code webhooks.dev.ephemeral=true} (tests, demos) everything lives in a fresh temporary
 * folder on free ports and is gone when the process ends.
 */
class DevRuntimeEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

  static final String SOURCE_NAME = "devRuntime";

  @Override
  public int getOrder() {
    // After the configuration files are loaded, so profiles and settings are known.
    return Ordered.LOWEST_PRECEDENCE;
  }

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    if (!environment.acceptsProfiles(Profiles.of("dev"))
        || environment.getPropertySources().contains(SOURCE_NAME)) {
      return;
    }
    boolean ephemeral = environment.getProperty("webhooks.dev.ephemeral", Boolean.class, false);
    DevDataDirectory data =
        ephemeral
            ? DevDataDirectory.temporary()
            : new DevDataDirectory(
                Path.of(environment.getProperty("WEBHOOKS_DEV_DATA_DIR", ".devdata"))
                    .toAbsolutePath());
    Map<String, Object> properties = new HashMap<>();
    DevRuntime runtime = new DevRuntime();
    if (ephemeral) {
      runtime.add(data::deleteRecursively); // closed last, after the servers using it
    }

    if (isBlank(environment.getProperty("spring.datasource.url"))) {
      int port =
          ephemeral
              ? 0
              : environment.getProperty("WEBHOOKS_DEV_POSTGRES_PORT", Integer.class, 54329);
      EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(data.postgres(), port);
      runtime.add(postgres);
      properties.put("spring.datasource.url", postgres.jdbcUrl());
      properties.put("spring.datasource.username", "postgres");
      properties.put("spring.datasource.password", "");
    }
    if (isBlank(environment.getProperty("TEMPORAL_ADDRESS"))) {
      int port =
          ephemeral
              ? 0
              : environment.getProperty("WEBHOOKS_DEV_TEMPORAL_PORT", Integer.class, 7233);
      String namespace = environment.getProperty("TEMPORAL_NAMESPACE", "default");
      EmbeddedTemporalServer temporal = EmbeddedTemporalServer.start(port, namespace);
      runtime.add(temporal);
      properties.put("TEMPORAL_ADDRESS", temporal.address());
    }
    if (isBlank(environment.getProperty("WEBHOOKS_MASTER_KEY"))) {
      properties.put(
          "WEBHOOKS_MASTER_KEY", data.readOrCreate("master-key.json", SecretCipher::newKeysetJson));
    }
    if (isBlank(environment.getProperty("WEBHOOKS_JWT_SECRET"))
        && isBlank(environment.getProperty("WEBHOOKS_JWK_SET_URI"))) {
      properties.put(
          "WEBHOOKS_JWT_SECRET",
          data.readOrCreate("jwt-secret", DevRuntimeEnvironmentPostProcessor::randomSecret));
    }
    properties.put("webhooks.dev.data-dir", data.root().toString());
    environment.getPropertySources().addFirst(new MapPropertySource(SOURCE_NAME, properties));

    if (!runtime.isEmpty()) {
      application.addListeners(closeWithContext(runtime));
    }
  }

  private static ApplicationListener<ApplicationPreparedEvent> closeWithContext(
      DevRuntime runtime) {
    return event -> {
      if (event.getApplicationContext().getBeanFactory()
          instanceof DefaultSingletonBeanRegistry registry) {
        registry.registerDisposableBean("devRuntime", runtime);
      }
    };
  }

  private static String randomSecret() {
    byte[] bytes = new byte[48];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
