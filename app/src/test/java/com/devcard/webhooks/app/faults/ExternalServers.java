package com.devcard.webhooks.app.faults;

import com.devcard.webhooks.store.secret.SecretCipher;
import com.devcard.webhooks.testkit.FreePorts;
import com.devcard.webhooks.testkit.PostgresServer;
import com.devcard.webhooks.testkit.TemporalServerProcess;
import com.devcard.webhooks.testkit.TestKeys;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * What the {@link AppProcess}es of one test share and outlive: a PostgreSQL, a Temporal server, a
 * receiver, one master key and one token secret.
 */
final class ExternalServers implements AutoCloseable {

  private final PostgresServer postgres;
  private final TemporalServerProcess temporal;
  private final RecordingReceiver receiver;
  private final String masterKey = SecretCipher.newKeysetJson();
  private final String jwtSecret = TestKeys.newJwtSecret();

  private ExternalServers(
      PostgresServer postgres, TemporalServerProcess temporal, RecordingReceiver receiver) {
    this.postgres = postgres;
    this.temporal = temporal;
    this.receiver = receiver;
  }

  static ExternalServers start() {
    return new ExternalServers(
        PostgresServer.throwaway(),
        TemporalServerProcess.start(FreePorts.next()),
        RecordingReceiver.start());
  }

  PostgresServer postgres() {
    return postgres;
  }

  TemporalServerProcess temporal() {
    return temporal;
  }

  RecordingReceiver receiver() {
    return receiver;
  }

  String jwtSecret() {
    return jwtSecret;
  }

  /**
   * The settings of an app process on these servers, receivers on loopback over http, with a quick
   * retry schedule; a map of its own, for the caller to add to (roles, admission, logging).
   */
  Map<String, String> environment() {
    Map<String, String> environment = new HashMap<>();
    environment.put("SPRING_PROFILES_ACTIVE", "external");
    environment.put("SPRING_DATASOURCE_URL", postgres.jdbcUrl());
    environment.put("SPRING_DATASOURCE_USERNAME", "postgres");
    environment.put("SPRING_DATASOURCE_PASSWORD", "");
    environment.put("TEMPORAL_ADDRESS", temporal.address());
    environment.put("WEBHOOKS_MASTER_KEY", masterKey);
    environment.put("WEBHOOKS_JWT_SECRET", jwtSecret);
    environment.put("WEBHOOKS_ALLOW_HTTP", "true");
    environment.put("WEBHOOKS_ALLOW_PRIVATE_TARGETS", "true");
    environment.put("WEBHOOKS_RETRY_DELAYS", "1s,1s,1s");
    environment.put("WEBHOOKS_RECONCILER_UNSTARTED_EVERY", "1s");
    return environment;
  }

  @Override
  public void close() throws IOException {
    receiver.close();
    temporal.close();
    postgres.close();
  }
}
