package com.devcard.webhooks.testkit;

import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Everything the service needs to run, real and private to one caller: a database of its own on the
 * JVM's PostgreSQL, Temporal's test server on a free loopback port with the search attributes
 * registered, and a master key and token secret made for it. The service reaches them through the
 * same settings as in production ({@link #settings()}).
 */
public final class WebhooksStack implements AutoCloseable {

  public static final String NAMESPACE = "default";

  private final String database;
  private final TemporalServer temporal;
  private final String masterKeyJson;
  private final String jwtSecret;

  private WebhooksStack(String database, TemporalServer temporal) {
    this.database = database;
    this.temporal = temporal;
    this.masterKeyJson = TestKeys.newMasterKeyJson();
    this.jwtSecret = TestKeys.newJwtSecret();
  }

  public static WebhooksStack start() {
    return new WebhooksStack(TestDatabases.newDatabase(), TemporalServer.start(0, NAMESPACE));
  }

  public String jdbcUrl() {
    return TestDatabases.server().jdbcUrl(database);
  }

  /** A client on this stack's database, a fresh connection per statement. */
  public JdbcClient jdbc() {
    return TestDatabases.server().jdbc(database);
  }

  public String temporalAddress() {
    return temporal.address();
  }

  public String masterKeyJson() {
    return masterKeyJson;
  }

  public String jwtSecret() {
    return jwtSecret;
  }

  /**
   * The service's settings for this stack, by property name: operators set the same settings as
   * environment variables, which Spring maps to these names.
   */
  public Map<String, Object> settings() {
    return Map.of(
        "spring.datasource.url",
        jdbcUrl(),
        "spring.datasource.username",
        PostgresServer.USER,
        "spring.datasource.password",
        "",
        "temporal.address",
        temporalAddress(),
        "temporal.namespace",
        NAMESPACE,
        "webhooks.master-key",
        masterKeyJson,
        "webhooks.jwt.secret",
        jwtSecret);
  }

  /** The same settings as command-line arguments, for an application a test starts itself. */
  public List<String> commandLineArguments() {
    return settings().entrySet().stream()
        .map(setting -> "--" + setting.getKey() + "=" + setting.getValue())
        .toList();
  }

  @Override
  public void close() {
    temporal.close();
  }
}
