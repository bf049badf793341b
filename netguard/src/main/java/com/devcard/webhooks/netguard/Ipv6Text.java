package com.devcard.webhooks.netguard;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** IPv6 literal text (RFC 4291 section 2.2) to bytes and back (RFC 5952), without any lookup. */
final class Ipv6Text {

  private static final int GROUPS = 8;

  private Ipv6Text() {}

  /**
   * The sixteen address bytes of an IPv6 literal without brackets and without zone id, or empty
   * when the text is not one. The last 32 bits may be written as a dotted-decimal IPv4 address.
   */
  static Optional<byte[]> parse(String text) {
    int gap = text.indexOf("::");
    if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
      return Optional.empty();
    }
    List<Integer> head;
    List<Integer> tail;
    if (gap < 0) {
      head = groups(text, true);
      tail = List.of();
    } else {
      head = groups(text.substring(0, gap), false);
      tail = groups(text.substring(gap + 2), true);
    }
    if (head == null || tail == null) {
      return Optional.empty();
    }
    int given = head.size() + tail.size();
    if (gap < 0 ? given != GROUPS : given >= GROUPS) {
      return Optional.empty();
    }
    byte[] bytes = new byte[16];
    for (int i = 0; i < head.size(); i++) {
      putGroup(bytes, i, head.get(i));
    }
    for (int i = 0; i < tail.size(); i++) {
      putGroup(bytes, GROUPS - tail.size() + i, tail.get(i));
    }
    return Optional.of(bytes);
  }

  /**
   * RFC 5952 text: lowercase, no leading zeros, the longest run of zero groups as {@code ::}, and
   * an IPv4-mapped address as {@code ::ffff:a.b.c.d}.
   */
  static String format(byte[] bytes) {
    if (isIpv4Mapped(bytes)) {
      return "::ffff:" + Ipv4Format.dotted(bytes, 12);
    }
    int[] groups = new int[GROUPS];
    for (int i = 0; i < GROUPS; i++) {
      groups[i] = ((bytes[2 * i] & 0xFF) << 8) | (bytes[2 * i + 1] & 0xFF);
    }
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < GROUPS; ) {
      int j = i;
      while (j < GROUPS && groups[j] == 0) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = j == i ? i + 1 : j;
    }
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < GROUPS; i++) {
      if (i == bestStart) {
        text.append("::");
        i += bestLength - 1;
        continue;
      }
      if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
        text.append(':');
      }
      text.append(Integer.toHexString(groups[i]));
    }
    return text.toString();
  }

  static boolean isIpv4Mapped(byte[] bytes) {
    for (int i = 0; i < 10; i++) {
      if (bytes[i] != 0) {
        return false;
      }
    }
    return bytes[10] == (byte) 0xFF && bytes[11] == (byte) 0xFF;
  }

  /** The 16-bit groups of one side of a {@code ::}, or null when malformed. */
  private static List<Integer> groups(String piece, boolean mayEndInIpv4) {
    List<Integer> groups = new ArrayList<>();
    if (piece.isEmpty()) {
      return groups;
    }
    String[] parts = piece.split(":", -1);
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i];
      boolean last = i == parts.length - 1;
      if (last && mayEndInIpv4 && part.indexOf('.') >= 0) {
        byte[] ipv4 = strictDottedQuad(part);
        if (ipv4 == null) {
          return null;
        }
        groups.add(((ipv4[0] & 0xFF) << 8) | (ipv4[1] & 0xFF));
        groups.add(((ipv4[2] & 0xFF) << 8) | (ipv4[3] & 0xFF));
      } else {
        int group = hexGroup(part);
        if (group < 0) {
          return null;
        }
        groups.add(group);
      }
    }
    return groups;
  }

  private static int hexGroup(String part) {
    if (part.isEmpty() || part.length() > 4) {
      return -1;
    }
    int value = 0;
    for (int i = 0; i < part.length(); i++) {
      int digit = Ipv4Text.asciiDigit(part.charAt(i), 16);
      if (digit < 0) {
        return -1;
      }
      value = value * 16 + digit;
    }
    return value;
  }

  /** Inside an IPv6 literal only the plain four-part decimal form is valid (RFC 4291). */
  private static byte[] strictDottedQuad(String text) {
    String[] parts = text.split("\\.", -1);
    if (parts.length != 4) {
      return null;
    }
    byte[] bytes = new byte[4];
    for (int i = 0; i < 4; i++) {
      String part = parts[i];
      if (part.isEmpty() || part.length() > 3 || (part.length() > 1 && part.charAt(0) == '0')) {
        return null;
      }
      int value = 0;
      for (int k = 0; k < part.length(); k++) {
        int digit = Ipv4Text.asciiDigit(part.charAt(k), 10);
        if (digit < 0) {
          return null;
        }
        value = value * 10 + digit;
      }
      if (value > 255) {
        return null;
      }
      bytes[i] = (byte) value;
    }
    return bytes;
  }

  private static void putGroup(byte[] bytes, int index, int group) {
    bytes[2 * index] = (byte) (group >>> 8);
    bytes[2 * index + 1] = (byte) group;
  }
}
