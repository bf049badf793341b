package com.devcard.webhooks.netguard;

import java.util.List;
import java.util.stream.Stream;

/**
 * The URL corpus: each URL with the expected answer under the strict settings (https only, no
 * private targets) and the permissive ones (http and private targets allowed). An expectation is
 * {@link #ALLOWED} or a substring of the violation message.
 */
final class TargetPolicyCorpus {

  static final String ALLOWED = "<allowed>";

  /** Sent in queries to prove that no message echoes the URL. */
  static final String SECRET = "s3cr3t-token";

  private static final String ABSOLUTE = "must be absolute";
  private static final String SCHEME = "URL scheme must be https";
  private static final String NOT_A_URL = "not a valid URL";
  private static final String PORT = "port must be a number from 1 to 65535";
  private static final String BAD_IPV4 = "host is not a valid IPv4 address";
  private static final String BAD_IDN = "not a valid internationalized domain name";

  /** What a name is told when it cannot be used, forbidden and unresolvable alike. */
  static final String UNUSABLE_NAME = "does not resolve to an allowed address";

  record Case(String url, String strict, String permissive) {
    @Override
    public String toString() {
      return url.length() > 80 ? url.substring(0, 60) + "...(" + url.length() + " chars)" : url;
    }
  }

  private TargetPolicyCorpus() {}

  static Stream<Case> cases() {
    return Stream.of(
            allowedTargets(),
            schemes(),
            structure(),
            numericIpv4(),
            reservedIpv4(),
            names(),
            ipv6(),
            ipv6TransitionForms(),
            internationalNames())
        .flatMap(List::stream);
  }

  private static List<Case> allowedTargets() {
    return List.of(
        both("https://public.test/hooks", ALLOWED),
        both("https://PUBLIC.TEST:8443/hooks?token=" + SECRET, ALLOWED),
        both("https://public.test./hooks", ALLOWED),
        both("https://public.test:/hooks", ALLOWED),
        both("HTTPS://public.test/", ALLOWED),
        both("https://93.184.216.34/hook", ALLOWED),
        both("https://172.32.0.1/", ALLOWED),
        both("https://100.128.0.1/", ALLOWED),
        both("https://[2606:2800:220:1:248:1893:25c8:1946]:443/", ALLOWED),
        both("https://v6public.test/", ALLOWED),
        both("https://under_score.test/", ALLOWED),
        both("https://public.test/" + "a".repeat(TargetUrl.MAX_LENGTH - 20), ALLOWED));
  }

  private static List<Case> schemes() {
    return List.of(
        of("http://public.test/", "must use https, http is not allowed", ALLOWED),
        of("HTTP://public.test/", "must use https, http is not allowed", ALLOWED),
        of("http://127.0.0.1/", "must use https", ALLOWED),
        both("ftp://public.test/file", SCHEME),
        both("javascript:alert(1)", SCHEME),
        both("file:///etc/passwd", SCHEME),
        both("data:text/plain,hello", SCHEME),
        both("gopher://127.0.0.1:6379/_INFO", SCHEME),
        both("ws://public.test/socket", SCHEME),
        of(
            "mailto:ops@public.test",
            "URL scheme must be https",
            "URL scheme must be https or http"));
  }

  private static List<Case> structure() {
    return List.of(
        both("", "URL is required"),
        both("   ", "URL is required"),
        both("/relative/path", ABSOLUTE),
        both("//public.test/hooks", ABSOLUTE),
        both("public.test/hooks", ABSOLUTE),
        both("https://u:p@public.test/", "must not contain user-info"),
        both("https://user@public.test/", "must not contain user-info"),
        both("https://@public.test/", "must not contain user-info"),
        both("https://public.test@127.0.0.1/", "must not contain user-info"),
        both("https://public.test/#section", "must not contain a fragment"),
        both("https://public.test/#", "must not contain a fragment"),
        both("https://public.test/?token=" + SECRET + "#x", "must not contain a fragment"),
        both("https://public.test/" + "a".repeat(TargetUrl.MAX_LENGTH), "at most 2048 characters"),
        both("https://public.test/a b", "must not contain spaces or control characters"),
        both(" https://public.test/", "must not contain spaces"),
        both("https://public.test/\n", "must not contain spaces"),
        both("https:///hooks", "URL must have a host"),
        both("https:public.test", "URL must have a host"),
        both("https://:443/", "URL must have a host"),
        both("https://public.test:0/", PORT),
        both("https://public.test:65536/", PORT),
        both("https://public.test:http/", PORT),
        both("https://exa%6dple.test/", "host must not be percent-encoded"),
        both("https://%31%32%37.0.0.1/", "host must not be percent-encoded"),
        both("https://public.test\\@127.0.0.1/", NOT_A_URL),
        both("https://a..b/", "not a valid host name"),
        both("https://nxdomain.test/?token=" + SECRET, "host nxdomain.test " + UNUSABLE_NAME));
  }

  private static List<Case> numericIpv4() {
    String loopback = "forbidden address (loopback)";
    return List.of(
        of("https://127.0.0.1/", "host 127.0.0.1 is a forbidden address (loopback)", ALLOWED),
        of("https://127.1/", loopback, ALLOWED),
        of("https://127.0.1/", loopback, ALLOWED),
        of("https://10.1/", "host 10.0.0.1 is a forbidden address (private)", ALLOWED),
        of("https://2130706433/", loopback, ALLOWED),
        of("https://0x7f000001/", loopback, ALLOWED),
        of("https://0X7F000001/", loopback, ALLOWED),
        of("https://0x7f.0.0.1/", loopback, ALLOWED),
        of("https://0x7f.1/", loopback, ALLOWED),
        of("https://017700000001/", loopback, ALLOWED),
        of("https://0177.0.0.1/", loopback, ALLOWED),
        of("https://0177.0x0.1/", loopback, ALLOWED),
        of("https://127.0.0.1./", loopback, ALLOWED),
        of("https://127.0.0.1:8443/?token=" + SECRET, loopback, ALLOWED),
        of("https://0.0.0.0/", "host 0.0.0.0 is a forbidden address (unspecified)", ALLOWED),
        of("https://0/", "forbidden address (unspecified)", ALLOWED),
        of("https://169.254.169.254/latest/meta-data/", "(link-local)", ALLOWED),
        of("https://0xa9fea9fe/", "host 169.254.169.254 is a forbidden address", ALLOWED),
        of("https://169.16689662/", "(link-local)", ALLOWED),
        both("https://256.0.0.1/", BAD_IPV4),
        both("https://1.2.3.4.5/", BAD_IPV4),
        both("https://08.0.0.1/", BAD_IPV4),
        both("https://0x100000000/", BAD_IPV4),
        both("https://public.0x10/", BAD_IPV4));
  }

  private static List<Case> reservedIpv4() {
    return List.of(
        of("https://100.64.0.1/", "(carrier-grade NAT)", ALLOWED),
        of("https://10.0.0.1/", "(private)", ALLOWED),
        of("https://172.16.0.1/", "(private)", ALLOWED),
        of("https://192.168.1.1/", "(private)", ALLOWED),
        of("https://192.0.0.1/", "(reserved)", ALLOWED),
        of("https://192.0.2.1/", "(documentation)", ALLOWED),
        of("https://198.18.0.1/", "(benchmarking)", ALLOWED),
        of("https://198.51.100.1/", "(documentation)", ALLOWED),
        of("https://203.0.113.1/", "(documentation)", ALLOWED),
        of("https://224.0.0.1/", "(multicast)", ALLOWED),
        of("https://240.0.0.1/", "(reserved)", ALLOWED),
        of("https://255.255.255.255/", "(broadcast)", ALLOWED));
  }

  private static List<Case> names() {
    String loopbackName = "forbidden address (loopback name)";
    return List.of(
        of("https://localhost/", "host localhost is a " + loopbackName, ALLOWED),
        of("https://LOCALHOST./", "host localhost is a " + loopbackName, ALLOWED),
        of("https://localhost:8080/hook", loopbackName, ALLOWED),
        of("https://api.localhost/", "host api.localhost is a " + loopbackName, ALLOWED),
        // Forbidden or not resolving, a name gets one answer: no map of internal DNS.
        of("https://rebind.test/", "host rebind.test " + UNUSABLE_NAME, ALLOWED),
        of("https://metadata.test/", "host metadata.test " + UNUSABLE_NAME, ALLOWED),
        of("https://mixed.test/", "host mixed.test " + UNUSABLE_NAME, ALLOWED),
        of("https://mapped.test/", "host mapped.test " + UNUSABLE_NAME, ALLOWED),
        of("https://ula.test/", "host ula.test " + UNUSABLE_NAME, ALLOWED),
        both("https://localhost.public.test.nx/", UNUSABLE_NAME));
  }

  private static List<Case> ipv6() {
    return List.of(
        of("https://[::1]/", "host ::1 is a forbidden address (loopback)", ALLOWED),
        of(
            "https://[0:0:0:0:0:0:0:1]:8443/",
            "host ::1 is a forbidden address (loopback)",
            ALLOWED),
        of("https://[::]/", "(unspecified)", ALLOWED),
        of(
            "https://[fd00:ec2::254]/",
            "host fd00:ec2::254 is a forbidden address (private)",
            ALLOWED),
        of("https://[FC00::1]/", "host fc00::1 is a forbidden address (private)", ALLOWED),
        of("https://[fe80::1]/", "(link-local)", ALLOWED),
        of("https://[fec0::1]/", "(site-local)", ALLOWED),
        of("https://[ff02::1]/", "(multicast)", ALLOWED),
        of("https://[2001:db8::1]/", "(documentation)", ALLOWED),
        of("https://[100::1]/", "(discard-only)", ALLOWED),
        both("https://[fe80::1%25eth0]/", "must not contain an IPv6 zone id"),
        both("https://[fe80::1%eth0]/", "must not contain an IPv6 zone id"),
        both("https://[2606:2800:220:1:248:1893:25c8:1946%251]/", "zone id"),
        both("https://[::1/", NOT_A_URL),
        both("https://[1::2::3]/", NOT_A_URL),
        both("https://[v1.fe80::1]/", NOT_A_URL));
  }

  private static List<Case> ipv6TransitionForms() {
    return List.of(
        of(
            "https://[::ffff:127.0.0.1]/",
            "host ::ffff:127.0.0.1 is a forbidden address (loopback)",
            ALLOWED),
        of("https://[::ffff:7f00:1]/", "(loopback)", ALLOWED),
        of("https://[0:0:0:0:0:ffff:a9fe:a9fe]/", "(link-local)", ALLOWED),
        both("https://[::ffff:93.184.216.34]/", ALLOWED),
        of("https://[::127.0.0.1]/", "(IPv4-compatible)", ALLOWED),
        of("https://[::93.184.216.34]/", "(IPv4-compatible)", ALLOWED),
        of("https://[::ffff:0:127.0.0.1]/", "(reserved)", ALLOWED),
        of("https://[64:ff9b::127.0.0.1]/", "(loopback via NAT64)", ALLOWED),
        of("https://[64:ff9b::a00:1]/", "(private via NAT64)", ALLOWED),
        both("https://[64:ff9b::5db8:d822]/", ALLOWED),
        of("https://[2002:7f00:1::]/", "(loopback via 6to4)", ALLOWED),
        of("https://[2002:a9fe:a9fe::1]/", "(link-local via 6to4)", ALLOWED),
        both("https://[2002:5db8:d822::1]/", ALLOWED),
        of("https://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/", "(Teredo)", ALLOWED));
  }

  private static List<Case> internationalNames() {
    return List.of(
        both("https://b\u00fccher.test/path?q=\u00fc", ALLOWED),
        both("https://B\u00dcCHER.test:8443/", ALLOWED),
        both("https://b\u00fccher.test./", ALLOWED),
        of(
            "https://\uff11\uff12\uff17\uff0e\uff10\uff0e\uff10\uff0e\uff11/",
            "host 127.0.0.1 is a forbidden address (loopback)",
            ALLOWED),
        of("https://\uff10\uff58\uff17\uff46\u3002\uff11/", "(loopback)", ALLOWED),
        of(
            "https://\uff4c\uff4f\uff43\uff41\uff4c\uff48\uff4f\uff53\uff54/",
            "loopback name",
            ALLOWED),
        both("https://bad\uff20public.test/", BAD_IDN),
        both("https://" + "\u00fc".repeat(70) + ".test/", BAD_IDN),
        both("https://a\u2024b.test/", BAD_IDN),
        both("https://xn--.test/", UNUSABLE_NAME),
        both("https://\u00fcber.nx/", "host xn--ber-goa.nx " + UNUSABLE_NAME));
  }

  private static Case both(String url, String expected) {
    return new Case(url, expected, expected);
  }

  private static Case of(String url, String strict, String permissive) {
    return new Case(url, strict, permissive);
  }
}
