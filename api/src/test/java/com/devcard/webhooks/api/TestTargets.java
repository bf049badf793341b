package com.devcard.webhooks.api;

import com.devcard.webhooks.netguard.TargetPolicy;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;

/**
 * The production target rule (https only, no private addresses) over a fixed table of host names,
 * so that no test depends on DNS.
 */
public final class TestTargets {

  /** Resolves to a public address: an allowed target. */
  public static final String PUBLIC_HOST = "hooks.test";

  /** Resolves to a private address: a forbidden target. */
  public static final String PRIVATE_HOST = "intranet.test";

  private static final Map<String, String> ADDRESSES =
      Map.of(PUBLIC_HOST, "93.184.216.34", PRIVATE_HOST, "10.1.2.3");

  private TestTargets() {}

  public static TargetPolicy policy() {
    return new TargetPolicy(false, false, TestTargets::resolve);
  }

  /** An allowed https URL on {@link #PUBLIC_HOST}. */
  public static String publicUrl(String path) {
    return "https://" + PUBLIC_HOST + "/" + path;
  }

  private static InetAddress[] resolve(String host) throws UnknownHostException {
    String address = ADDRESSES.get(host);
    if (address == null) {
      throw new UnknownHostException(host);
    }
    return new InetAddress[] {InetAddress.getByName(address)};
  }
}
