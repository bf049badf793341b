package com.devcard.webhooks.netguard;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Turns a host name into the addresses it currently resolves to. */
@FunctionalInterface
public interface HostResolver {

  /** Every address of the host; throws when the name does not resolve. */
  InetAddress[] resolve(String host) throws UnknownHostException;

  /** The JVM's resolver (system DNS, hosts file). */
  static HostResolver system() {
    return InetAddress::getAllByName;
  }
}
