package com.devcard.webhooks.netguard;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Builds addresses for tests from literal text only, never through DNS. */
final class Addresses {

  private Addresses() {}

  static InetAddress ip(String literal) {
    return NumericHost.parse(literal)
        .orElseThrow(() -> new IllegalArgumentException("not a literal: " + literal));
  }

  /**
   * An IPv4-mapped address kept as an {@link Inet6Address}: {@code InetAddress.getByAddress} would
   * turn it into an IPv4 address, but resolvers and sockets can hand out this form.
   */
  static InetAddress mappedInet6(String ipv4) {
    byte[] v4 = ip(ipv4).getAddress();
    byte[] bytes = new byte[16];
    bytes[10] = (byte) 0xFF;
    bytes[11] = (byte) 0xFF;
    System.arraycopy(v4, 0, bytes, 12, 4);
    try {
      return Inet6Address.getByAddress(null, bytes, -1);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }
}
