package com.devcard.webhooks.worker.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class WebhookSignaturesTest {

  private static final byte[] BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);

  @Test
  void standardWebhooksSignatureMatchesThePublishedVector() {
    String signature =
        WebhookSignatures.standardWebhooks(
            "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
            "msg_p5jXN8AQM9LWM0D4loKWxJek",
            1614265330L,
            BODY);

    assertThat(signature).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  }

  @Test
  void githubStyleSignatureMatchesGithubsDocumentedExample() {
    String signature =
        WebhookSignatures.githubStyle(
            "It's a Secret to Everybody", "Hello, World!".getBytes(StandardCharsets.UTF_8));

    assertThat(signature)
        .isEqualTo("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17");
  }

  @Test
  void githubStyleKeyIsTheWholeSecretStringPrefixIncluded() throws Exception {
    String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    String expected = "sha256=" + HexFormat.of().formatHex(hmac(secret.getBytes(UTF8), BODY));

    assertThat(WebhookSignatures.githubStyle(secret, BODY)).isEqualTo(expected);
  }

  @Test
  void standardWebhooksKeyIsTheDecodedPartAfterThePrefix() throws Exception {
    byte[] key = new byte[32];
    new java.security.SecureRandom().nextBytes(key);
    String secret = "whsec_" + Base64.getEncoder().encodeToString(key);
    byte[] body = "{\"ünïcode\":\"✓\"}".getBytes(UTF8);

    byte[] message = concat(("dlv_1.1700000000.").getBytes(UTF8), body);
    String expected = "v1," + Base64.getEncoder().encodeToString(hmac(key, message));

    assertThat(WebhookSignatures.standardWebhooks(secret, "dlv_1", 1700000000L, body))
        .isEqualTo(expected);
  }

  @Test
  void aSecretThatIsNotBase64FailsWithoutEchoingIt() {
    assertThatThrownBy(
            () -> WebhookSignatures.standardWebhooks("whsec_not*base64!", "id", 1L, BODY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("not*base64!");
  }

  private static final java.nio.charset.Charset UTF8 = StandardCharsets.UTF_8;

  static byte[] hmac(byte[] key, byte[] message) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    return mac.doFinal(message);
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
