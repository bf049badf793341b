package com.devcard.webhooks.netguard;

import static com.devcard.webhooks.netguard.Addresses.ip;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressRuleTest {

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({
    "0.0.0.0, unspecified",
    "0.1.2.3, unspecified",
    "10.0.0.1, private",
    "10.255.255.255, private",
    "100.64.0.1, carrier-grade NAT",
    "100.127.255.255, carrier-grade NAT",
    "127.0.0.1, loopback",
    "127.255.0.9, loopback",
    "169.254.169.254, link-local",
    "172.16.0.1, private",
    "172.31.255.255, private",
    "192.0.0.8, reserved",
    "192.0.2.10, documentation",
    "192.88.99.1, reserved",
    "192.168.1.1, private",
    "198.18.0.1, benchmarking",
    "198.19.255.255, benchmarking",
    "198.51.100.7, documentation",
    "203.0.113.9, documentation",
    "224.0.0.1, multicast",
    "239.255.255.250, multicast",
    "240.0.0.1, reserved",
    "255.255.255.255, broadcast",
    "::, unspecified",
    "::1, loopback",
    "::ffff:127.0.0.1, loopback",
    "::ffff:10.1.2.3, private",
    "::127.0.0.1, IPv4-compatible",
    "::93.184.216.34, IPv4-compatible",
    "::ffff:0:127.0.0.1, reserved",
    "64:ff9b::127.0.0.1, loopback via NAT64",
    "64:ff9b::a9fe:a9fe, link-local via NAT64",
    "64:ff9b:1::1, NAT64 local-use",
    "100::1, discard-only",
    "100:0:0:1::1, reserved",
    "2001::1, Teredo",
    "2001:0:4136:e378:8000:63bf:3fff:fdd2, Teredo",
    "2001:2::1, reserved",
    "2001:db8::1, documentation",
    "3fff::1, documentation",
    "2002:7f00:1::, loopback via 6to4",
    "2002:c0a8:101::1, private via 6to4",
    "5f00::1, reserved",
    "fc00::1, private",
    "fd00:ec2::254, private",
    "fe80::1, link-local",
    "febf::1, link-local",
    "fec0::1, site-local",
    "ff02::1, multicast",
    "1234::1, reserved",
    "4000::1, reserved",
  })
  void forbidsAddressesThatAreNotGloballyReachable(String literal, String reason) {
    InetAddress address = ip(literal);

    assertThat(AddressRule.isForbidden(address)).isTrue();
    assertThat(AddressRule.describe(address)).isEqualTo(reason);
  }

  @ParameterizedTest(name = "{0} is public")
  @CsvSource({
    "1.1.1.1",
    "8.8.8.8",
    "93.184.216.34",
    "100.63.255.255",
    "100.128.0.0",
    "172.15.255.255",
    "172.32.0.0",
    "192.0.3.1",
    "192.167.255.255",
    "198.17.255.255",
    "198.20.0.0",
    "223.255.255.255",
    "2606:2800:220:1:248:1893:25c8:1946",
    "2a00:1450:4001:80b::200e",
    "::ffff:93.184.216.34",
    "64:ff9b::5db8:d822",
    "2002:5db8:d822::1",
    "2001:4860:4860::8888",
  })
  void allowsGloballyReachableAddresses(String literal) {
    InetAddress address = ip(literal);

    assertThat(AddressRule.isForbidden(address)).isFalse();
    assertThat(AddressRule.describe(address)).isEqualTo("public");
  }

  @Test
  void judgesAnIpv4MappedAddressKeptInIpv6FormByItsEmbeddedAddress() {
    InetAddress mapped = Addresses.mappedInet6("192.168.0.10");

    assertThat(mapped.getAddress()).hasSize(16);
    assertThat(AddressRule.describe(mapped)).isEqualTo("private");
    assertThat(AddressRule.isForbidden(Addresses.mappedInet6("93.184.216.34"))).isFalse();
  }
}
