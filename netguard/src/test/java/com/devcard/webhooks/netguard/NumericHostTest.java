package com.devcard.webhooks.netguard;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NumericHostTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "127.0.0.1, 127.0.0.1",
    "127.1, 127.0.0.1",
    "127.0.1, 127.0.0.1",
    "10.1, 10.0.0.1",
    "2130706433, 127.0.0.1",
    "0x7f000001, 127.0.0.1",
    "0X7F000001, 127.0.0.1",
    "0x7f.0.0.1, 127.0.0.1",
    "0x7f.1, 127.0.0.1",
    "017700000001, 127.0.0.1",
    "0177.0.0.1, 127.0.0.1",
    "0177.0x0.1, 127.0.0.1",
    "00000000000000177.0.0.1, 127.0.0.1",
    "127.0.0.1., 127.0.0.1",
    "0, 0.0.0.0",
    "0x, 0.0.0.0",
    "0xa9fea9fe, 169.254.169.254",
    "169.16689662, 169.254.169.254",
    "4294967295, 255.255.255.255",
    "'\uFF11\uFF12\uFF17\u3002\uFF10\u3002\uFF10\u3002\uFF11', 127.0.0.1",
  })
  void readsEveryInetAtonFormOfIpv4(String host, String expected) {
    assertThat(NumericHost.parse(host)).map(InetAddress::getHostAddress).contains(expected);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "::1, 0:0:0:0:0:0:0:1",
    "[::1], 0:0:0:0:0:0:0:1",
    "[fe80::1%eth0], fe80:0:0:0:0:0:0:1",
    "fe80::1%25eth0, fe80:0:0:0:0:0:0:1",
    "[fd00:ec2::254], fd00:ec2:0:0:0:0:0:254",
    "2001:DB8:0:0:0:0:0:1, 2001:db8:0:0:0:0:0:1",
    "1:2:3:4:5:6:7:8, 1:2:3:4:5:6:7:8",
    "1::, 1:0:0:0:0:0:0:0",
    "::127.0.0.1, 0:0:0:0:0:0:7f00:1",
    "64:ff9b::192.168.0.1, 64:ff9b:0:0:0:0:c0a8:1",
    "[::ffff:127.0.0.1], 127.0.0.1",
  })
  void readsIpv6LiteralsWithOrWithoutBracketsAndZone(String host, String expected) {
    assertThat(NumericHost.parse(host)).map(InetAddress::getHostAddress).contains(expected);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "",
        "localhost",
        "example.com",
        "public.test",
        "256.0.0.1",
        "1.2.3.4.5",
        "1.2.3.256",
        "08.0.0.1",
        "0x100000000",
        "4294967296",
        "127..1",
        ".127.0.0.1",
        "127.0.0.1..",
        "-1.0.0.1",
        "1:2:3:4:5:6:7:8:9",
        "1::2::3",
        ":::",
        "1:2:3:4:5:6:7",
        "12345::1",
        "::ffff:127.1",
        "::ffff:0127.0.0.1",
        "g::1",
        "[::1",
      })
  void readsNamesAndMalformedTextAsNoAddress(String host) {
    assertThat(NumericHost.parse(host)).isEmpty();
  }
}
