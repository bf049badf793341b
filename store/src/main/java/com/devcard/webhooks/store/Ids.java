package com.devcard.webhooks.store;

import java.security.SecureRandom;

/**
 * Text ids of the form {@code prefix_} + 26 characters of Crockford base32 (ULID layout: 48 bits of
 * epoch milliseconds, then 80 random bits), so ids sort roughly by creation time and leak nothing.
 */
public final class Ids {

  private static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  private Ids() {}

  public static String newId(String prefix) {
    return prefix + "_" + ulid(System.currentTimeMillis());
  }

  static String ulid(long epochMillis) {
    byte[] random = new byte[10];
    RANDOM.nextBytes(random);
    char[] out = new char[26];
    // 10 characters carry the 48-bit time (50 bits, the top two always zero).
    for (int i = 9; i >= 0; i--) {
      out[i] = CROCKFORD[(int) (epochMillis & 31)];
      epochMillis >>>= 5;
    }
    // 16 characters carry the 80 random bits: two 40-bit halves of 8 characters each.
    long high = toLong(random, 0);
    long low = toLong(random, 5);
    for (int i = 17; i >= 10; i--) {
      out[i] = CROCKFORD[(int) (high & 31)];
      high >>>= 5;
    }
    for (int i = 25; i >= 18; i--) {
      out[i] = CROCKFORD[(int) (low & 31)];
      low >>>= 5;
    }
    return new String(out);
  }

  private static long toLong(byte[] bytes, int from) {
    long value = 0;
    for (int i = from; i < from + 5; i++) {
      value = (value << 8) | (bytes[i] & 0xFF);
    }
    return value;
  }
}
