package com.devcard.webhooks.worker.signing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The two signature schemes a receiver can check, GitHub's and Standard Webhooks'. Pure functions
 * of the secret and the exact body bytes.
 */
public final class WebhookSignatures {

  /** The prefix of every endpoint secret; the Standard Webhooks key is the base64 after it. */
  public static final String SECRET_PREFIX = "whsec_";

  private static final String HMAC_SHA256 = "HmacSHA256";

  private WebhookSignatures() {}

  /**
   * {@code sha256=} + lowercase hex HMAC-SHA256 of the raw body, keyed with the UTF-8 bytes of the
   * whole secret string, {@code whsec_} included (the GitHub scheme, for receivers that already
   * verify that).
   */
  public static String githubStyle(String secret, byte[] body) {
    byte[] mac = hmacSha256(secret.getBytes(StandardCharsets.UTF_8), body);
    return "sha256=" + HexFormat.of().formatHex(mac);
  }

  /**
   * {@code v1,} + base64 HMAC-SHA256 of {@code {id}.{timestamp}.{body}}, keyed with the
   * base64-decoded part of the secret after {@code whsec_} (the Standard Webhooks scheme).
   */
  public static String standardWebhooks(
      String secret, String msgId, long timestampSeconds, byte[] body) {
    byte[] prefix = (msgId + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8);
    byte[] message = new byte[prefix.length + body.length];
    System.arraycopy(prefix, 0, message, 0, prefix.length);
    System.arraycopy(body, 0, message, prefix.length, body.length);
    byte[] mac = hmacSha256(standardWebhooksKey(secret), message);
    return "v1," + Base64.getEncoder().encodeToString(mac);
  }

  private static byte[] standardWebhooksKey(String secret) {
    String encoded =
        secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret;
    try {
      return Base64.getDecoder().decode(encoded);
    } catch (IllegalArgumentException e) {
      // The message names the problem, never the secret.
      throw new IllegalArgumentException("endpoint secret is not whsec_ followed by base64");
    }
  }

  private static byte[] hmacSha256(byte[] key, byte[] message) {
    try {
      Mac mac = Mac.getInstance(HMAC_SHA256);
      mac.init(new SecretKeySpec(key, HMAC_SHA256));
      return mac.doFinal(message);
    } catch (GeneralSecurityException e) {
      // HmacSHA256 is mandatory on every JDK; only an empty key lands here.
      throw new IllegalStateException("HMAC-SHA256 signing failed");
    }
  }
}
