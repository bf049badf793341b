package com.devcard.webhooks.netguard;

import java.net.IDN;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Reads a host that is an IP address in text, without ever asking DNS. IPv4 is read in every form
 * inet_aton(3) accepts ({@code 127.1}, {@code 2130706433}, {@code 0x7f.0.0.1}, {@code 0177.0.0.1},
 * a trailing dot), IPv6 with or without brackets and zone id, and full-width digits or dots through
 * IDNA mapping. Registration and every dial must agree on what a numeric host is, or an address the
 * rule forbids could reach the resolver disguised as a name.
 */
public final class NumericHost {

  private NumericHost() {}

  /** The address a numeric host denotes, or empty when the host is a name (or not a host). */
  public static Optional<InetAddress> parse(String host) {
    if (host == null || host.isEmpty()) {
      return Optional.empty();
    }
    String text = host;
    if (text.length() >= 2 && text.startsWith("[") && text.endsWith("]")) {
      text = text.substring(1, text.length() - 1);
    }
    if (text.indexOf(':') >= 0) {
      int zone = text.indexOf('%');
      return Ipv6Text.parse(zone < 0 ? text : text.substring(0, zone))
          .flatMap(NumericHost::toAddress);
    }
    Optional<String> ascii = asciiForm(text);
    return ascii.flatMap(Ipv4Text::parse).flatMap(NumericHost::toAddress);
  }

  /**
   * Full-width digits and ideographic dots become ASCII, as a browser or resolver would map them.
   */
  private static Optional<String> asciiForm(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) > 0x7F) {
        try {
          return Optional.of(IDN.toASCII(text, IDN.USE_STD3_ASCII_RULES));
        } catch (IllegalArgumentException notIdn) {
          return Optional.empty();
        }
      }
    }
    return Optional.of(text);
  }

  private static Optional<InetAddress> toAddress(byte[] bytes) {
    try {
      // getByAddress builds the address from the bytes alone: no lookup, no reverse lookup.
      return Optional.of(InetAddress.getByAddress(bytes));
    } catch (UnknownHostException impossible) {
      return Optional.empty();
    }
  }
}
