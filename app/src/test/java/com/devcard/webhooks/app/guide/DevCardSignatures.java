package com.devcard.webhooks.app.guide;

// guide:start
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Checks the X-DevCard-Signature headers of a delivery. */
public final class DevCardSignatures {

  private DevCardSignatures() {}

  /**
   * True when one of your secrets signed the raw body.
   *
   * @param rawBody the request body exactly as received, before any JSON parsing
   * @param signature the X-DevCard-Signature header
   * @param previousSignature the X-DevCard-Signature-Previous header, null when absent
   * @param secrets the endpoint secrets you hold ("whsec_..."): during a rotation, old and new
   */
  public static boolean verify(
      byte[] rawBody, String signature, String previousSignature, List<String> secrets)
      throws GeneralSecurityException {
    for (String secret : secrets) {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] expected =
          ("sha256=" + HexFormat.of().formatHex(mac.doFinal(rawBody)))
              .getBytes(StandardCharsets.UTF_8);
      for (String received : new String[] {signature, previousSignature}) {
        // MessageDigest.isEqual takes as long whichever byte differs: no timing leak.
        if (received != null
            && MessageDigest.isEqual(expected, received.getBytes(StandardCharsets.UTF_8))) {
          return true;
        }
      }
    }
    return false;
  }
}
// guide:end
