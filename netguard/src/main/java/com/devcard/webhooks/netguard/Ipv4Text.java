package com.devcard.webhooks.netguard;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * IPv4 text in every form that inet_aton(3) and the WHATWG URL standard accept: one to four parts,
 * each decimal, octal (leading {@code 0}) or hexadecimal ({@code 0x}), the last part filling the
 * remaining bytes ({@code 127.1}, {@code 2130706433}, {@code 0x7f.0.0.1}, {@code 0177.0.0.1}).
 * Operating-system resolvers turn these into addresses, so the rule must see them the same way.
 */
final class Ipv4Text {

  private static final long MAX_ADDRESS = 0xFFFF_FFFFL;

  private Ipv4Text() {}

  /** The four address bytes, or empty when the text is not IPv4 in any of these forms. */
  static Optional<byte[]> parse(String text) {
    String body = withoutTrailingDot(text);
    if (body.isEmpty()) {
      return Optional.empty();
    }
    String[] parts = body.split("\\.", -1);
    if (parts.length > 4) {
      return Optional.empty();
    }
    long[] values = new long[parts.length];
    for (int i = 0; i < parts.length; i++) {
      OptionalLong value = parsePart(parts[i]);
      if (value.isEmpty()) {
        return Optional.empty();
      }
      values[i] = value.getAsLong();
    }
    return combine(values);
  }

  /**
   * Whether a host name ends in a number (WHATWG "ends in a number checker"): such a host is meant
   * as IPv4, so when {@link #parse} fails it is an invalid address, never a name to look up.
   */
  static boolean endsInNumber(String host) {
    String body = withoutTrailingDot(host);
    String last = body.substring(body.lastIndexOf('.') + 1);
    if (last.isEmpty()) {
      return false;
    }
    if (allDigits(last, 10)) {
      return true;
    }
    return hasHexPrefix(last) && allDigits(last.substring(2), 16);
  }

  private static Optional<byte[]> combine(long[] values) {
    int last = values.length - 1;
    for (int i = 0; i < last; i++) {
      if (values[i] > 0xFF) {
        return Optional.empty();
      }
    }
    // The last part fills every byte the earlier parts left: 1 part = 4 bytes, 4 parts = 1 byte.
    if (values[last] >= 1L << (8 * (4 - last))) {
      return Optional.empty();
    }
    long address = values[last];
    for (int i = 0; i < last; i++) {
      address |= values[i] << (24 - 8 * i);
    }
    return Optional.of(
        new byte[] {
          (byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address
        });
  }

  private static OptionalLong parsePart(String part) {
    if (part.isEmpty()) {
      return OptionalLong.empty();
    }
    int radix = 10;
    String digits = part;
    if (hasHexPrefix(part)) {
      radix = 16;
      digits = part.substring(2);
    } else if (part.length() > 1 && part.charAt(0) == '0') {
      radix = 8;
      digits = part.substring(1);
    }
    long value = 0;
    for (int i = 0; i < digits.length(); i++) {
      int digit = asciiDigit(digits.charAt(i), radix);
      if (digit < 0) {
        return OptionalLong.empty();
      }
      value = value * radix + digit;
      if (value > MAX_ADDRESS) {
        return OptionalLong.empty();
      }
    }
    return OptionalLong.of(value);
  }

  private static String withoutTrailingDot(String text) {
    return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
  }

  private static boolean hasHexPrefix(String part) {
    return part.length() >= 2
        && part.charAt(0) == '0'
        && (part.charAt(1) == 'x' || part.charAt(1) == 'X');
  }

  private static boolean allDigits(String text, int radix) {
    for (int i = 0; i < text.length(); i++) {
      if (asciiDigit(text.charAt(i), radix) < 0) {
        return false;
      }
    }
    return true;
  }

  /** Only ASCII digits count: {@link Character#digit} would accept other scripts' digits. */
  static int asciiDigit(char c, int radix) {
    int value;
    if (c >= '0' && c <= '9') {
      value = c - '0';
    } else if (c >= 'a' && c <= 'f') {
      value = c - 'a' + 10;
    } else if (c >= 'A' && c <= 'F') {
      value = c - 'A' + 10;
    } else {
      return -1;
    }
    return value < radix ? value : -1;
  }
}
