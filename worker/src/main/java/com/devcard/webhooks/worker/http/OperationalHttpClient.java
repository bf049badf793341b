package com.devcard.webhooks.worker.http;

import com.devcard.webhooks.netguard.HostResolver;
import com.devcard.webhooks.netguard.TargetPolicy;

/**
 * The outbound client for the service's own operational endpoint ({@code
 * WEBHOOKS_OPERATIONAL_URL}). That URL is the operator's, not a user's: it may be a private address
 * and plain http (the DevCard backend inside the same network), so the target rule for users'
 * endpoints does not apply to it. Same client code, same signing, same deadline.
 */
public final class OperationalHttpClient implements AutoCloseable {

  private final WebhookHttpClient client;

  public OperationalHttpClient(OutboundHttpSettings settings) {
    this.client =
        new WebhookHttpClient(settings, new TargetPolicy(true, true, HostResolver.system()));
  }

  public WebhookHttpClient client() {
    return client;
  }

  @Override
  public void close() {
    client.close();
  }
}
