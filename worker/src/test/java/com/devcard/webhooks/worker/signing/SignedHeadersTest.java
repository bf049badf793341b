package com.devcard.webhooks.worker.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SignedHeadersTest {

  private static final String PAYLOAD =
      "{\"id\":\"evt_1\",\"type\":\"card.viewed\",\"createdAt\":\"2026-11-28T10:00:00Z\",\"data\":{}}";
  private static final byte[] BODY = PAYLOAD.getBytes(StandardCharsets.UTF_8);

  private final String current = newSecret();
  private final String previous = newSecret();
  private final Instant now = Instant.now();

  @Test
  void oneSecretGivesTheFullHeaderSetWithoutPreviousSignature() throws Exception {
    SignedHeaders headers = signed(null);

    assertThat(headers.asMap())
        .containsOnlyKeys(
            "Content-Type",
            "User-Agent",
            "X-DevCard-Event",
            "X-DevCard-Delivery",
            "X-DevCard-Signature",
            "webhook-id",
            "webhook-timestamp",
            "webhook-signature");
    assertThat(headers.get("Content-Type")).isEqualTo("application/json");
    assertThat(headers.get("User-Agent")).isEqualTo("DevCard-Webhooks/1.2.3");
    assertThat(headers.get("X-DevCard-Event")).isEqualTo("card.viewed");
    assertThat(headers.get("X-DevCard-Delivery")).isEqualTo("dlv_01");
    assertThat(headers.get("webhook-id")).isEqualTo("dlv_01");
    assertThat(headers.get("webhook-timestamp")).isEqualTo(Long.toString(now.getEpochSecond()));
    assertThat(headers.get("X-DevCard-Signature")).isEqualTo(githubStyle(current));
    assertThat(headers.get("webhook-signature")).isEqualTo(standard(current));
  }

  @Test
  void duringAGracePeriodBothSecretsSignCurrentFirst() throws Exception {
    SignedHeaders headers = signed(previous);

    assertThat(headers.get("X-DevCard-Signature")).isEqualTo(githubStyle(current));
    assertThat(headers.get("X-DevCard-Signature-Previous")).isEqualTo(githubStyle(previous));
    assertThat(headers.get("webhook-signature"))
        .isEqualTo(standard(current) + " " + standard(previous));
  }

  @Test
  void theStandardWebhooksLibraryAcceptsTheSignatureOfTheOnlySecret() {
    Map<String, List<String>> headers = asMultiMap(signed(null));

    assertThatCode(() -> new Webhook(current).verify(PAYLOAD, headers)).doesNotThrowAnyException();
    assertThatThrownBy(() -> new Webhook(previous).verify(PAYLOAD, headers))
        .isInstanceOf(WebhookVerificationException.class);
  }

  @Test
  void theStandardWebhooksLibraryAcceptsEitherSecretDuringAGracePeriod() {
    Map<String, List<String>> headers = asMultiMap(signed(previous));

    assertThatCode(() -> new Webhook(current).verify(PAYLOAD, headers)).doesNotThrowAnyException();
    assertThatCode(() -> new Webhook(previous).verify(PAYLOAD, headers)).doesNotThrowAnyException();
    assertThatThrownBy(() -> new Webhook(newSecret()).verify(PAYLOAD, headers))
        .isInstanceOf(WebhookVerificationException.class);
  }

  @Test
  void descriptionNamesHeadersButNeverSecretsOrSignatures() {
    String text = signed(previous).toString();

    assertThat(text).contains("webhook-signature").doesNotContain(current).doesNotContain("v1,");
  }

  private SignedHeaders signed(String previousSecret) {
    return SignedHeaders.builder()
        .deliveryId("dlv_01")
        .eventType("card.viewed")
        .secret(current)
        .previousSecret(previousSecret)
        .timestamp(now)
        .body(BODY)
        .userAgent("DevCard-Webhooks/1.2.3")
        .build();
  }

  private String githubStyle(String secret) throws Exception {
    byte[] mac = WebhookSignaturesTest.hmac(secret.getBytes(StandardCharsets.UTF_8), BODY);
    return "sha256=" + HexFormat.of().formatHex(mac);
  }

  private String standard(String secret) throws Exception {
    byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
    byte[] message =
        WebhookSignaturesTest.concat(
            ("dlv_01." + now.getEpochSecond() + ".").getBytes(StandardCharsets.UTF_8), BODY);
    return "v1," + Base64.getEncoder().encodeToString(WebhookSignaturesTest.hmac(key, message));
  }

  private static Map<String, List<String>> asMultiMap(SignedHeaders headers) {
    return headers.asMap().entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue())));
  }

  static String newSecret() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return "whsec_" + Base64.getEncoder().encodeToString(key);
  }
}
