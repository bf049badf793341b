package com.devcard.webhooks.netguard;

/** Dotted-decimal text of four address bytes. */
final class Ipv4Format {

  private Ipv4Format() {}

  static String dotted(byte[] bytes, int offset) {
    return (bytes[offset] & 0xFF)
        + "."
        + (bytes[offset + 1] & 0xFF)
        + "."
        + (bytes[offset + 2] & 0xFF)
        + "."
        + (bytes[offset + 3] & 0xFF);
  }
}
