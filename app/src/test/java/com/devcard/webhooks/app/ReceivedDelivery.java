package com.devcard.webhooks.app;

import com.devcard.webhooks.app.guide.DevCardSignatures;
import com.devcard.webhooks.app.guide.StandardWebhooksReceiver;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.standardwebhooks.exceptions.EmptyWebhookSecretException;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A request a receiver got, checked the way the receiver guide (docs/receiving-webhooks.md) tells
 * receivers to: with the guide's Java code for the GitHub-style header and with the official
 * Standard Webhooks library.
 */
public record ReceivedDelivery(byte[] body, Map<String, List<String>> headers) {

  public static ReceivedDelivery of(LoggedRequest request) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (HttpHeader header : request.getHeaders().all()) {
      headers.put(header.key(), header.values());
    }
    return new ReceivedDelivery(request.getBody(), headers);
  }

  public String header(String name) {
    return headers.entrySet().stream()
        .filter(header -> header.getKey().equalsIgnoreCase(name))
        .map(header -> header.getValue().get(0))
        .findFirst()
        .orElse(null);
  }

  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /**
   * What a receiver holding these secrets concludes from {@code X-DevCard-Signature[-Previous]}.
   */
  boolean githubStyleVerifiesWith(String... secrets) {
    try {
      return DevCardSignatures.verify(
          body,
          header("X-DevCard-Signature"),
          header("X-DevCard-Signature-Previous"),
          List.of(secrets));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** What a receiver holding these secrets concludes from the Standard Webhooks headers. */
  boolean standardWebhooksVerifiesWith(String... secrets) {
    try {
      return new StandardWebhooksReceiver(List.of(secrets)).accept(bodyText(), headers);
    } catch (WebhookVerificationException refused) {
      return false;
    } catch (EmptyWebhookSecretException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Both schemes, so a test states once what a receiver with these secrets sees. */
  public boolean verifiesWith(String... secrets) {
    boolean github = githubStyleVerifiesWith(secrets);
    boolean standard = standardWebhooksVerifiesWith(secrets);
    if (github != standard) {
      throw new AssertionError(
          "the two schemes disagree: GitHub-style " + github + ", Standard Webhooks " + standard);
    }
    return github;
  }
}
