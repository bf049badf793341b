package com.devcard.webhooks.netguard;

import java.net.IDN;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * The host of a target URL, normalized: an IP literal (every numeric trick read before any DNS) or
 * a lowercase ASCII name without trailing dot. {@code name} is what users see as "target host".
 */
record TargetHost(String name, InetAddress literal) {

  private static final int MAX_NAME_LENGTH = 253;
  private static final int MAX_LABEL_LENGTH = 63;

  /** Reads the host and port part of an authority (user-info already removed). */
  static TargetHost parse(String hostPort) throws InvalidTargetException {
    if (hostPort.startsWith("[")) {
      int close = hostPort.indexOf(']');
      if (close < 0) {
        throw new InvalidTargetException("host is not a valid IPv6 address");
      }
      checkPort(hostPort.substring(close + 1));
      return ipv6(hostPort.substring(1, close));
    }
    int colon = hostPort.lastIndexOf(':');
    String host = colon < 0 ? hostPort : hostPort.substring(0, colon);
    checkPort(colon < 0 ? "" : hostPort.substring(colon));
    if (host.isEmpty()) {
      throw new InvalidTargetException("URL must have a host");
    }
    return nameOrIpv4(toAscii(host).toLowerCase(Locale.ROOT));
  }

  /** The port part of an authority, {@code ""} or {@code ":8443"}, for rebuilding it. */
  static String portSuffix(String authority) {
    String hostPort = authority.substring(authority.lastIndexOf('@') + 1);
    int close = hostPort.lastIndexOf(']');
    int colon = hostPort.lastIndexOf(':');
    return colon > close ? hostPort.substring(colon) : "";
  }

  boolean isLiteral() {
    return literal != null;
  }

  /** RFC 6761: {@code localhost} and every name under it are loopback, whatever DNS says. */
  boolean isLocalhostName() {
    return !isLiteral() && (name.equals("localhost") || name.endsWith(".localhost"));
  }

  /** The host as written inside a URL. */
  String uriForm() {
    return literal != null && name.indexOf(':') >= 0 ? "[" + name + "]" : name;
  }

  private static TargetHost ipv6(String text) throws InvalidTargetException {
    if (text.indexOf('%') >= 0) {
      throw new InvalidTargetException("host must not contain an IPv6 zone id");
    }
    byte[] bytes =
        Ipv6Text.parse(text)
            .orElseThrow(() -> new InvalidTargetException("host is not a valid IPv6 address"));
    return new TargetHost(Ipv6Text.format(bytes), address(bytes));
  }

  private static TargetHost nameOrIpv4(String host) throws InvalidTargetException {
    if (host.indexOf('%') >= 0) {
      throw new InvalidTargetException("host must not be percent-encoded");
    }
    Optional<byte[]> ipv4 = Ipv4Text.parse(host);
    if (ipv4.isPresent()) {
      return new TargetHost(Ipv4Format.dotted(ipv4.get(), 0), address(ipv4.get()));
    }
    if (Ipv4Text.endsInNumber(host)) {
      // Meant as an address, but not a valid one: resolvers disagree on such text, so refuse it.
      throw new InvalidTargetException("host is not a valid IPv4 address");
    }
    String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    if (!isValidName(name)) {
      throw new InvalidTargetException("host is not a valid host name");
    }
    return new TargetHost(name, null);
  }

  private static String toAscii(String host) throws InvalidTargetException {
    if (host.chars().allMatch(c -> c < 0x80)) {
      return host;
    }
    try {
      return IDN.toASCII(host, IDN.USE_STD3_ASCII_RULES);
    } catch (IllegalArgumentException e) {
      throw new InvalidTargetException("host is not a valid internationalized domain name");
    }
  }

  private static boolean isValidName(String name) {
    if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
      return false;
    }
    for (String label : name.split("\\.", -1)) {
      if (label.isEmpty() || label.length() > MAX_LABEL_LENGTH) {
        return false;
      }
      for (int i = 0; i < label.length(); i++) {
        char c = label.charAt(i);
        boolean allowed = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
        if (!allowed) {
          return false;
        }
      }
    }
    return true;
  }

  private static void checkPort(String suffix) throws InvalidTargetException {
    if (suffix.isEmpty() || suffix.equals(":")) {
      return;
    }
    String digits = suffix.substring(1);
    boolean valid =
        suffix.charAt(0) == ':'
            && digits.length() <= 5
            && digits.chars().allMatch(c -> c >= '0' && c <= '9');
    if (!valid || Integer.parseInt(digits) < 1 || Integer.parseInt(digits) > 65535) {
      throw new InvalidTargetException("URL port must be a number from 1 to 65535");
    }
  }

  private static InetAddress address(byte[] bytes) throws InvalidTargetException {
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException impossible) {
      throw new InvalidTargetException("host is not a valid IP address");
    }
  }
}
