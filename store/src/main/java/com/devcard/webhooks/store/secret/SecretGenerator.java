package com.devcard.webhooks.store.secret;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * New endpoint signing secrets in the Standard Webhooks form {@code whsec_<base64 of 32 bytes>}.
 */
public final class SecretGenerator {

  private static final SecureRandom RANDOM = new SecureRandom();

  private SecretGenerator() {}

  public static String newSecret() {
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    return "whsec_" + Base64.getEncoder().encodeToString(key);
  }
}
