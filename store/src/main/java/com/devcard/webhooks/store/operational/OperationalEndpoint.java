package com.devcard.webhooks.store.operational;

import com.devcard.webhooks.store.secret.SecretCipher;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The operational endpoint's row, kept in line with the service's settings at startup. */
@Repository
public class OperationalEndpoint {

  private final JdbcClient jdbc;
  private final SecretCipher cipher;

  public OperationalEndpoint(JdbcClient jdbc, SecretCipher cipher) {
    this.jdbc = jdbc;
    this.cipher = cipher;
  }

  /**
   * Points the operational endpoint at {@code url}, signing with {@code secret}; without a URL,
   * turns it off (no event is recorded while it is off).
   */
  public void configure(Optional<String> url, String secret) {
    if (url.isEmpty()) {
      jdbc.sql(
              "update webhook_endpoints set is_active = false, disabled_reason = 'user',"
                  + " disabled_at = coalesce(disabled_at, now()), updated_at = now()"
                  + " where id = :id and is_active")
          .param("id", OperationalEvents.ENDPOINT_ID)
          .update();
      return;
    }
    jdbc.sql(
            "insert into webhook_endpoints (id, user_id, url, events, description, is_active,"
                + " secret_ciphertext, operational, created_at, updated_at)"
                + " values (:id, :owner, :url, :events, 'operational events', true, :secret,"
                + " true, now(), now())"
                + " on conflict (id) do update set url = excluded.url,"
                + " secret_ciphertext = excluded.secret_ciphertext, is_active = true,"
                + " disabled_reason = null, disabled_at = null, deleted_at = null,"
                + " updated_at = now()")
        .param("id", OperationalEvents.ENDPOINT_ID)
        .param("owner", OperationalEvents.OWNER)
        .param("url", url.get())
        .param("events", new String[] {OperationalEvents.DISABLED, OperationalEvents.ENABLED})
        .param("secret", cipher.encrypt(secret, OperationalEvents.ENDPOINT_ID))
        .update();
  }
}
