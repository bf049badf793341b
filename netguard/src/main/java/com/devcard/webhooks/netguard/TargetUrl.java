package com.devcard.webhooks.netguard;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A webhook target URL taken apart. Only the syntax is checked here; {@link TargetPolicy} decides
 * what is allowed. The authority is read from the raw text rather than {@link URI#getHost()},
 * because {@code URI} gives no host for forms like {@code 0x7f.0.0.1} or {@code bücher.example}
 * that HTTP clients still connect to.
 */
final class TargetUrl {

  static final int MAX_LENGTH = 2048;

  private static final Pattern SCHEME = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*):");

  private final String typedScheme;
  private final URI uri;

  private TargetUrl(String typedScheme, URI uri) {
    this.typedScheme = typedScheme;
    this.uri = uri;
  }

  static TargetUrl parse(String url) throws InvalidTargetException {
    if (url == null || url.isBlank()) {
      throw new InvalidTargetException("URL is required");
    }
    if (url.length() > MAX_LENGTH) {
      throw new InvalidTargetException("URL must be at most " + MAX_LENGTH + " characters");
    }
    for (int i = 0; i < url.length(); i++) {
      char c = url.charAt(i);
      if (Character.isWhitespace(c) || Character.isISOControl(c)) {
        throw new InvalidTargetException("URL must not contain spaces or control characters");
      }
    }
    Matcher scheme = SCHEME.matcher(url);
    if (!scheme.lookingAt()) {
      throw new InvalidTargetException("URL must be absolute (https://host/path)");
    }
    try {
      return new TargetUrl(scheme.group(1), new URI(url));
    } catch (URISyntaxException e) {
      // The exception's message quotes the whole URL: never pass it on.
      throw new InvalidTargetException("URL is not a valid URL");
    }
  }

  /** The scheme in lowercase. */
  String scheme() {
    return typedScheme.toLowerCase(Locale.ROOT);
  }

  boolean hasUserInfo() {
    return rawAuthority() != null && rawAuthority().indexOf('@') >= 0;
  }

  boolean hasFragment() {
    return uri.getRawFragment() != null;
  }

  TargetHost host() throws InvalidTargetException {
    String authority = rawAuthority();
    if (authority == null || authority.isEmpty()) {
      throw new InvalidTargetException("URL must have a host");
    }
    return TargetHost.parse(authority.substring(authority.lastIndexOf('@') + 1));
  }

  /** The URL with its host in ASCII (IDNA), the form an HTTP client can dial. */
  URI asciiUri() throws InvalidTargetException {
    String authority = rawAuthority();
    if (authority == null || authority.chars().allMatch(c -> c < 0x80)) {
      return uri;
    }
    int at = authority.lastIndexOf('@');
    TargetHost host = host();
    String asciiAuthority =
        authority.substring(0, at + 1) + host.uriForm() + TargetHost.portSuffix(authority);
    String typed = uri.toString();
    String rest = typed.substring(typedScheme.length() + 3 + authority.length());
    try {
      return new URI(typedScheme + "://" + asciiAuthority + rest);
    } catch (URISyntaxException e) {
      throw new InvalidTargetException("URL is not a valid URL");
    }
  }

  private String rawAuthority() {
    return uri.getRawAuthority();
  }
}
