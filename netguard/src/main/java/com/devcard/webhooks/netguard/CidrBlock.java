package com.devcard.webhooks.netguard;

/** An address block (prefix and length) with the reason it is forbidden. */
record CidrBlock(byte[] prefix, int bits, String reason) {

  /** Reads {@code "10.0.0.0/8"} or {@code "fc00::/7"}; the table is code, so bad text is a bug. */
  static CidrBlock of(String cidr, String reason) {
    int slash = cidr.indexOf('/');
    String address = cidr.substring(0, slash);
    byte[] prefix =
        (address.indexOf(':') >= 0 ? Ipv6Text.parse(address) : Ipv4Text.parse(address))
            .orElseThrow(() -> new IllegalArgumentException("bad block " + cidr));
    return new CidrBlock(prefix, Integer.parseInt(cidr.substring(slash + 1)), reason);
  }

  boolean contains(byte[] address) {
    if (address.length != prefix.length) {
      return false;
    }
    int whole = bits / 8;
    for (int i = 0; i < whole; i++) {
      if (address[i] != prefix[i]) {
        return false;
      }
    }
    int rest = bits % 8;
    if (rest == 0) {
      return true;
    }
    int mask = (0xFF << (8 - rest)) & 0xFF;
    return (address[whole] & mask) == (prefix[whole] & mask);
  }
}
