package com.devcard.webhooks.netguard;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A resolver over a fixed table of names, so the tests never touch the network. */
final class FixedHostResolver implements HostResolver {

  private final Map<String, List<InetAddress>> table;
  private final List<String> lookups = new ArrayList<>();

  FixedHostResolver(Map<String, List<InetAddress>> table) {
    this.table = Map.copyOf(table);
  }

  /** The names the tests use: public ones, and names that rebind to forbidden addresses. */
  static FixedHostResolver standard() {
    return new FixedHostResolver(
        Map.of(
            "public.test", List.of(ip("93.184.216.34")),
            "v6public.test", List.of(ip("2606:2800:220:1:248:1893:25c8:1946")),
            "xn--bcher-kva.test", List.of(ip("93.184.216.34")),
            "under_score.test", List.of(ip("93.184.216.34")),
            "rebind.test", List.of(ip("127.0.0.1")),
            "metadata.test", List.of(ip("169.254.169.254")),
            "mixed.test", List.of(ip("93.184.216.34"), ip("10.0.0.1")),
            "ula.test", List.of(ip("fd00::1")),
            "mapped.test", List.of(Addresses.mappedInet6("10.0.0.1"))));
  }

  @Override
  public InetAddress[] resolve(String host) throws UnknownHostException {
    lookups.add(host);
    List<InetAddress> addresses = table.get(host);
    if (addresses == null) {
      throw new UnknownHostException(host);
    }
    return addresses.toArray(InetAddress[]::new);
  }

  List<String> lookups() {
    return List.copyOf(lookups);
  }

  private static InetAddress ip(String text) {
    return Addresses.ip(text);
  }
}
