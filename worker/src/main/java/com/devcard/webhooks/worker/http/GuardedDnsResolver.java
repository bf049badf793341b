package com.devcard.webhooks.worker.http;

import com.devcard.webhooks.netguard.AddressRule;
import com.devcard.webhooks.netguard.HostResolver;
import com.devcard.webhooks.netguard.NumericHost;
import com.devcard.webhooks.netguard.TargetPolicy;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import org.apache.hc.client5.http.DnsResolver;

/**
 * The only way the client learns which address to dial, so the target rule is applied to exactly
 * the addresses connected to: a name that resolved to a public address at registration and to a
 * private one now is refused now (no DNS-rebinding window). Numeric hosts, in every spelling, are
 * read without DNS and judged the same way.
 */
final class GuardedDnsResolver implements DnsResolver {

  private final TargetPolicy policy;
  private final HostResolver resolver;

  GuardedDnsResolver(TargetPolicy policy, HostResolver resolver) {
    this.policy = policy;
    this.resolver = resolver;
  }

  @Override
  public InetAddress[] resolve(String host) throws UnknownHostException {
    Optional<InetAddress> numeric = NumericHost.parse(host);
    InetAddress[] addresses =
        numeric.isPresent() ? new InetAddress[] {numeric.get()} : resolver.resolve(host);
    if (addresses == null || addresses.length == 0) {
      throw new UnknownHostException(host);
    }
    // Any forbidden address refuses the host, as at registration: the client may dial any of them.
    for (InetAddress address : addresses) {
      if (!policy.isAllowedAddress(address)) {
        throw new ForbiddenAddressException(AddressRule.describe(address));
      }
    }
    return addresses;
  }

  @Override
  public String resolveCanonicalHostname(String host) {
    // Only used for authentication schemes this client never runs; no lookup needed.
    return host;
  }
}
