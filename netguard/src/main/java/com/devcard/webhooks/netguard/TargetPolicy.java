package com.devcard.webhooks.netguard;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The target rule for webhook URLs: {@code https} only (plain {@code http} only when allowed), no
 * user-info, no fragment, and no host that is or resolves to a loopback, private, link-local or
 * other reserved address (unless private targets are allowed). Checked when an endpoint is
 * registered or changed, and, through {@link #isAllowedAddress}, on every address a delivery dials,
 * so a name that later resolves elsewhere (DNS rebinding) is refused at connect time too.
 */
public final class TargetPolicy {

  private final boolean allowHttp;
  private final boolean allowPrivateTargets;
  private final HostResolver resolver;

  public TargetPolicy(boolean allowHttp, boolean allowPrivateTargets, HostResolver resolver) {
    this.allowHttp = allowHttp;
    this.allowPrivateTargets = allowPrivateTargets;
    this.resolver = Objects.requireNonNull(resolver, "resolver");
  }

  /** Whether plain {@code http} targets are accepted besides {@code https}. */
  public boolean allowsHttp() {
    return allowHttp;
  }

  /** Every reason the URL may not be a webhook target; empty when it is allowed. */
  public List<TargetViolation> check(String url) {
    TargetUrl target;
    try {
      target = TargetUrl.parse(url);
    } catch (InvalidTargetException e) {
      return violation(e.getMessage());
    }
    String scheme = target.scheme();
    if (!scheme.equals("https") && !scheme.equals("http")) {
      return violation(allowHttp ? "URL scheme must be https or http" : "URL scheme must be https");
    }
    List<TargetViolation> violations = new ArrayList<>();
    if (scheme.equals("http") && !allowHttp) {
      violations.add(new TargetViolation("URL must use https, http is not allowed"));
    }
    if (target.hasUserInfo()) {
      violations.add(new TargetViolation("URL must not contain user-info (user:password@)"));
    }
    if (target.hasFragment()) {
      violations.add(new TargetViolation("URL must not contain a fragment (#...)"));
    }
    TargetHost host;
    try {
      host = target.host();
    } catch (InvalidTargetException e) {
      violations.add(new TargetViolation(e.getMessage()));
      return List.copyOf(violations);
    }
    if (violations.isEmpty()) {
      // Only a URL that is otherwise acceptable is looked up: no DNS probing through bad input.
      checkHost(host).ifPresent(violations::add);
    }
    return List.copyOf(violations);
  }

  /** The target's host for display (lowercase, ASCII, no brackets), when the URL has one. */
  public Optional<String> host(String url) {
    try {
      return Optional.of(TargetUrl.parse(url).host().name());
    } catch (InvalidTargetException e) {
      return Optional.empty();
    }
  }

  /**
   * The URL as an HTTP client should dial it: the same URL with an internationalized host in its
   * ASCII (IDNA) form, which {@link URI#getHost()} and resolvers understand. Empty when the URL
   * cannot be taken apart.
   */
  public Optional<URI> asciiUri(String url) {
    try {
      return Optional.of(TargetUrl.parse(url).asciiUri());
    } catch (InvalidTargetException e) {
      return Optional.empty();
    }
  }

  /** Whether a delivery may connect to this address; the HTTP client asks on every dial. */
  public boolean isAllowedAddress(InetAddress address) {
    return allowPrivateTargets || !AddressRule.isForbidden(address);
  }

  private Optional<TargetViolation> checkHost(TargetHost host) {
    if (host.isLiteral()) {
      return isAllowedAddress(host.literal())
          ? Optional.empty()
          : forbidden("host " + host.name() + " is", host.literal());
    }
    if (host.isLocalhostName()) {
      return allowPrivateTargets
          ? Optional.empty()
          : Optional.of(
              new TargetViolation(
                  "host " + host.name() + " is a forbidden address (loopback name)"));
    }
    InetAddress[] addresses;
    try {
      addresses = resolver.resolve(host.name());
    } catch (UnknownHostException e) {
      addresses = null;
    }
    // Every address counts: the client may dial any of them.
    boolean allowed =
        addresses != null
            && addresses.length > 0
            && Arrays.stream(addresses).allMatch(this::isAllowedAddress);
    return allowed ? Optional.empty() : Optional.of(unusableName(host));
  }

  /**
   * One answer for a name that does not resolve and for one that resolves to a forbidden address:
   * were they told apart, anyone could learn through this check which internal names exist. (A
   * literal address, or a localhost name, reveals nothing of DNS: its reason is given.)
   *
   * <p>At delivery time the attempt log keeps the precise reason ("DNS lookup failed", "target
   * address forbidden: private"). The name passed this check when it was saved, so it then pointed
   * at a public address; a later answer pointing elsewhere is what its owner must see to fix it.
   * Probing internal names that way takes a DNS zone of one's own, re-pointed for every probe, and
   * one real attempt per answer: no quick oracle like this check would be.
   */
  private static TargetViolation unusableName(TargetHost host) {
    return new TargetViolation("host " + host.name() + " does not resolve to an allowed address");
  }

  /** An address written in the URL, with the reason it is refused. */
  private static Optional<TargetViolation> forbidden(String subject, InetAddress address) {
    return Optional.of(
        new TargetViolation(
            subject + " a forbidden address (" + AddressRule.describe(address) + ")"));
  }

  private static List<TargetViolation> violation(String message) {
    return List.of(new TargetViolation(message));
  }
}
