package com.devcard.webhooks.netguard;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which IP addresses a webhook may never reach: every address that is not globally reachable (IANA
 * special-purpose registries), multicast, and IPv6 transition forms that carry such an IPv4 address
 * inside. Outside 2000::/3 nothing in IPv6 is global unicast, so all of it is refused.
 */
public final class AddressRule {

  private static final String PUBLIC = "public";

  /** First match wins, so narrower blocks come before the blocks that contain them. */
  private static final List<CidrBlock> IPV4 =
      List.of(
          CidrBlock.of("0.0.0.0/8", "unspecified"),
          CidrBlock.of("10.0.0.0/8", "private"),
          CidrBlock.of("100.64.0.0/10", "carrier-grade NAT"),
          CidrBlock.of("127.0.0.0/8", "loopback"),
          CidrBlock.of("169.254.0.0/16", "link-local"),
          CidrBlock.of("172.16.0.0/12", "private"),
          CidrBlock.of("192.0.0.0/24", "reserved"),
          CidrBlock.of("192.0.2.0/24", "documentation"),
          CidrBlock.of("192.88.99.0/24", "reserved"),
          CidrBlock.of("192.168.0.0/16", "private"),
          CidrBlock.of("198.18.0.0/15", "benchmarking"),
          CidrBlock.of("198.51.100.0/24", "documentation"),
          CidrBlock.of("203.0.113.0/24", "documentation"),
          CidrBlock.of("224.0.0.0/4", "multicast"),
          CidrBlock.of("255.255.255.255/32", "broadcast"),
          CidrBlock.of("240.0.0.0/4", "reserved"));

  private static final List<CidrBlock> IPV6 =
      List.of(
          CidrBlock.of("::/128", "unspecified"),
          CidrBlock.of("::1/128", "loopback"),
          CidrBlock.of("::/96", "IPv4-compatible"),
          CidrBlock.of("64:ff9b:1::/48", "NAT64 local-use"),
          CidrBlock.of("100::/64", "discard-only"),
          CidrBlock.of("2001::/32", "Teredo"),
          CidrBlock.of("2001:db8::/32", "documentation"),
          CidrBlock.of("2001::/23", "reserved"),
          CidrBlock.of("3fff::/20", "documentation"),
          CidrBlock.of("fc00::/7", "private"),
          CidrBlock.of("fec0::/10", "site-local"),
          CidrBlock.of("fe80::/10", "link-local"),
          CidrBlock.of("ff00::/8", "multicast"));

  private static final CidrBlock NAT64 = CidrBlock.of("64:ff9b::/96", "NAT64");
  private static final CidrBlock SIX_TO_FOUR = CidrBlock.of("2002::/16", "6to4");
  private static final CidrBlock GLOBAL_UNICAST = CidrBlock.of("2000::/3", PUBLIC);

  private AddressRule() {}

  /** True when no webhook may be delivered to this address. */
  public static boolean isForbidden(InetAddress address) {
    return reason(address).isPresent();
  }

  /**
   * A short reason such as {@code "loopback"}, {@code "private"}, {@code "link-local"}, {@code
   * "multicast"}, {@code "private via 6to4"}; {@code "public"} for an allowed address.
   */
  public static String describe(InetAddress address) {
    return reason(address).orElse(PUBLIC);
  }

  private static Optional<String> reason(InetAddress address) {
    byte[] bytes = Objects.requireNonNull(address, "address").getAddress();
    return bytes.length == 4 ? ipv4Reason(bytes) : ipv6Reason(bytes);
  }

  private static Optional<String> ipv4Reason(byte[] bytes) {
    return firstMatch(IPV4, bytes);
  }

  private static Optional<String> ipv6Reason(byte[] bytes) {
    // Transition forms reach the IPv4 address they carry: judge that address.
    if (Ipv6Text.isIpv4Mapped(bytes)) {
      return ipv4Reason(Arrays.copyOfRange(bytes, 12, 16));
    }
    if (NAT64.contains(bytes)) {
      return ipv4Reason(Arrays.copyOfRange(bytes, 12, 16)).map(reason -> reason + " via NAT64");
    }
    if (SIX_TO_FOUR.contains(bytes)) {
      return ipv4Reason(Arrays.copyOfRange(bytes, 2, 6)).map(reason -> reason + " via 6to4");
    }
    Optional<String> listed = firstMatch(IPV6, bytes);
    if (listed.isPresent() || GLOBAL_UNICAST.contains(bytes)) {
      return listed;
    }
    return Optional.of("reserved");
  }

  private static Optional<String> firstMatch(List<CidrBlock> blocks, byte[] bytes) {
    for (CidrBlock block : blocks) {
      if (block.contains(bytes)) {
        return Optional.of(block.reason());
      }
    }
    return Optional.empty();
  }
}
