package com.devcard.webhooks.app.guide;

// guide:start
import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.EmptyWebhookSecretException;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Verifies the Standard Webhooks headers with the official library, and drops duplicates. */
public final class StandardWebhooksReceiver {

  private final List<Webhook> verifiers = new ArrayList<>();
  // In production: a shared store whose entries expire after a few days.
  private final Set<String> seenIds = ConcurrentHashMap.newKeySet();

  /** The endpoint secrets you hold ("whsec_..."): during a rotation, old and new. */
  public StandardWebhooksReceiver(List<String> secrets) throws EmptyWebhookSecretException {
    for (String secret : secrets) {
      verifiers.add(new Webhook(secret));
    }
  }

  /**
   * True for a new, authentic delivery; false for one already handled (same webhook-id).
   *
   * @param body the raw request body
   * @param headers the request headers (names in any case)
   * @throws WebhookVerificationException when no secret verifies a signature, or webhook-timestamp
   *     is more than five minutes away from now
   */
  public boolean accept(String body, Map<String, List<String>> headers)
      throws WebhookVerificationException {
    WebhookVerificationException failure = null;
    for (Webhook verifier : verifiers) {
      try {
        verifier.verify(body, headers);
        return seenIds.add(webhookId(headers));
      } catch (WebhookVerificationException e) {
        failure = e;
      }
    }
    throw failure;
  }

  private static String webhookId(Map<String, List<String>> headers) {
    return headers.entrySet().stream()
        .filter(header -> header.getKey().equalsIgnoreCase("webhook-id"))
        .map(header -> header.getValue().get(0))
        .findFirst()
        .orElseThrow();
  }
}
// guide:end
