package com.devcard.webhooks.worker.signing;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The full header set of one attempt, signed in both schemes of {@link WebhookSignatures} (and with
 * the previous secret too during a rotation's grace period). Holds signatures, never the secrets
 * they were made with.
 */
public final class SignedHeaders {

  public static final String CONTENT_TYPE = "Content-Type";
  public static final String USER_AGENT = "User-Agent";
  public static final String EVENT = "X-DevCard-Event";
  public static final String DELIVERY = "X-DevCard-Delivery";
  public static final String SIGNATURE = "X-DevCard-Signature";
  public static final String SIGNATURE_PREVIOUS = "X-DevCard-Signature-Previous";
  public static final String WEBHOOK_ID = "webhook-id";
  public static final String WEBHOOK_TIMESTAMP = "webhook-timestamp";
  public static final String WEBHOOK_SIGNATURE = "webhook-signature";

  public static final String JSON = "application/json";

  private final Map<String, String> headers;

  private SignedHeaders(Map<String, String> headers) {
    this.headers = Collections.unmodifiableMap(headers);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Header name to value, in a stable order. */
  public Map<String, String> asMap() {
    return headers;
  }

  /** The value of one header, {@code null} when absent. */
  public String get(String name) {
    return headers.get(name);
  }

  @Override
  public String toString() {
    return "SignedHeaders" + headers.keySet();
  }

  /** Collects what the headers are made of; {@link #build()} signs. */
  public static final class Builder {
    private String deliveryId;
    private String eventType;
    private String secret;
    private String previousSecret;
    private Instant timestamp;
    private byte[] body;
    private String userAgent;

    private Builder() {}

    /** Also the Standard Webhooks message id, so receivers deduplicate on it. */
    public Builder deliveryId(String deliveryId) {
      this.deliveryId = deliveryId;
      return this;
    }

    public Builder eventType(String eventType) {
      this.eventType = eventType;
      return this;
    }

    public Builder secret(String secret) {
      this.secret = secret;
      return this;
    }

    /** The secret before a rotation, during its grace period; {@code null} otherwise. */
    public Builder previousSecret(String previousSecret) {
      this.previousSecret = previousSecret;
      return this;
    }

    /** When this attempt is signed; sent in whole Unix seconds. */
    public Builder timestamp(Instant timestamp) {
      this.timestamp = timestamp;
      return this;
    }

    /** The exact bytes that will be sent. */
    public Builder body(byte[] body) {
      this.body = body;
      return this;
    }

    public Builder userAgent(String userAgent) {
      this.userAgent = userAgent;
      return this;
    }

    public SignedHeaders build() {
      Objects.requireNonNull(deliveryId, "deliveryId");
      Objects.requireNonNull(eventType, "eventType");
      Objects.requireNonNull(secret, "secret");
      Objects.requireNonNull(timestamp, "timestamp");
      Objects.requireNonNull(body, "body");
      Objects.requireNonNull(userAgent, "userAgent");
      long seconds = timestamp.getEpochSecond();

      Map<String, String> headers = new LinkedHashMap<>();
      headers.put(CONTENT_TYPE, JSON);
      headers.put(USER_AGENT, userAgent);
      headers.put(EVENT, eventType);
      headers.put(DELIVERY, deliveryId);
      headers.put(SIGNATURE, WebhookSignatures.githubStyle(secret, body));
      String standard = WebhookSignatures.standardWebhooks(secret, deliveryId, seconds, body);
      if (previousSecret != null) {
        headers.put(SIGNATURE_PREVIOUS, WebhookSignatures.githubStyle(previousSecret, body));
        // Current first: receivers that only check the first signature keep working.
        standard +=
            " " + WebhookSignatures.standardWebhooks(previousSecret, deliveryId, seconds, body);
      }
      headers.put(WEBHOOK_ID, deliveryId);
      headers.put(WEBHOOK_TIMESTAMP, Long.toString(seconds));
      headers.put(WEBHOOK_SIGNATURE, standard);
      return new SignedHeaders(headers);
    }
  }
}
