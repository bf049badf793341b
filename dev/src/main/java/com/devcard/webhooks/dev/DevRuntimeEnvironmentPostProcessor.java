package com.devcard.webhooks.dev;

import com.devcard.webhooks.testkit.PostgresServer;
import com.devcard.webhooks.testkit.TemporalServer;
import com.devcard.webhooks.testkit.TestKeys;
import java.nio.file.Path;
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
 * is set, both on 127.0.0.1 only, and it supplies a master key and a token secret of its own, kept
 * in the dev data folder. The app then reaches both servers through their ports, exactly as in
 * production.
 *
 * <p>It only ever signs dev tokens with the secret it made itself: when the operator sets {@code
 * WEBHOOKS_JWT_SECRET} or {@code WEBHOOKS_JWK_SET_URI}, no token is printed.
 */
class DevRuntimeEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

  static final String PROFILE = "dev";

  /** Set only when the dev runtime made the token secret: the one secret dev tokens use. */
  static final String DEV_JWT_SECRET = "webhooks.dev.jwt-secret";

  /** {@code WEBHOOKS_DEV_DATA_DIR}; set again here to the absolute folder the runtime uses. */
  static final String DATA_DIR = "webhooks.dev.data-dir";

  // Read by property name: relaxed binding maps WEBHOOKS_DEV_POSTGRES_PORT and
  // WEBHOOKS_DEV_TEMPORAL_PORT to them, as it maps every other setting.
  private static final String POSTGRES_PORT = "webhooks.dev.postgres-port";
  private static final String TEMPORAL_PORT = "webhooks.dev.temporal-port";
  private static final String SOURCE_NAME = "devRuntime";

  @Override
  public int getOrder() {
    // After the configuration files are loaded, so profiles and settings are known.
    return Ordered.LOWEST_PRECEDENCE;
  }

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    if (!environment.acceptsProfiles(Profiles.of(PROFILE))
        || environment.getPropertySources().contains(SOURCE_NAME)) {
      return;
    }
    DevDataDirectory data =
        new DevDataDirectory(
            Path.of(environment.getProperty(DATA_DIR, ".devdata")).toAbsolutePath());
    Map<String, Object> properties = new HashMap<>();
    DevRuntime runtime = new DevRuntime();

    if (isBlank(environment.getProperty("spring.datasource.url"))) {
      int port = environment.getProperty(POSTGRES_PORT, Integer.class, 54329);
      PostgresServer postgres = PostgresServer.keepingData(data.postgres(), port);
      runtime.add(postgres);
      properties.put("spring.datasource.url", postgres.jdbcUrl());
      properties.put("spring.datasource.username", PostgresServer.USER);
      properties.put("spring.datasource.password", "");
    }
    if (isBlank(environment.getProperty("temporal.address"))) {
      int port = environment.getProperty(TEMPORAL_PORT, Integer.class, 7233);
      String namespace = environment.getProperty("temporal.namespace", "default");
      TemporalServer temporal = TemporalServer.start(port, namespace);
      runtime.add(temporal);
      properties.put("temporal.address", temporal.address());
    }
    if (isBlank(environment.getProperty("webhooks.master-key"))) {
      properties.put(
          "webhooks.master-key", data.readOrCreate("master-key.json", TestKeys::newMasterKeyJson));
    }
    if (isBlank(environment.getProperty("webhooks.jwt.secret"))
        && isBlank(environment.getProperty("webhooks.jwt.jwk-set-uri"))) {
      String secret = data.readOrCreate("jwt-secret", TestKeys::newJwtSecret);
      properties.put("webhooks.jwt.secret", secret);
      properties.put(DEV_JWT_SECRET, secret);
    }
    properties.put(DATA_DIR, data.root().toString());
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

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
