package com.devcard.webhooks.benchmark;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HS256 bearer tokens signed with the secret the benchmark gave the app. */
final class Tokens {

  private final byte[] secret;

  Tokens(String secret) {
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
  }

  String user(String userId) {
    return sign(userId, null);
  }

  String publisher() {
    return sign("benchmark-publisher", "events:publish");
  }

  private String sign(String subject, String scope) {
    long expires = Instant.now().plusSeconds(6 * 3600).getEpochSecond();
    String claims =
        "{\"sub\":\""
            + subject
            + "\",\"exp\":"
            + expires
            + (scope == null ? "" : ",\"scope\":\"" + scope + "\"")
            + "}";
    String unsigned = base64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + base64(claims);
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return unsigned
          + "."
          + Base64.getUrlEncoder()
              .withoutPadding()
              .encodeToString(mac.doFinal(unsigned.getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException exception) {
      throw new IllegalStateException(exception);
    }
  }

  private static String base64(String json) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }
}
