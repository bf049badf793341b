package com.devcard.webhooks.netguard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Ipv6TextTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "0:0:0:0:0:0:0:1, ::1",
    "0:0:0:0:0:0:0:0, ::",
    "2001:0DB8:0000:0000:0000:0000:0000:0001, 2001:db8::1",
    "2001:db8:0:1:0:0:0:1, 2001:db8:0:1::1",
    "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
    "2001:db8:1:2:3:4:5:0, 2001:db8:1:2:3:4:5:0",
    "fd00:ec2:0:0:0:0:0:254, fd00:ec2::254",
    "1:0:0:0:0:0:0:0, 1::",
    "0:0:0:0:0:ffff:7f00:1, ::ffff:127.0.0.1",
  })
  void formatsAddressesAsRfc5952Text(String literal, String expected) {
    byte[] bytes = Ipv6Text.parse(literal).orElseThrow();

    assertThat(Ipv6Text.format(bytes)).isEqualTo(expected);
  }
}
