package com.devcard.webhooks.api.portal;

import com.devcard.webhooks.api.error.ApiException;
import com.devcard.webhooks.api.error.ProblemTypes;
import com.devcard.webhooks.store.portal.CodeExchange;
import com.devcard.webhooks.store.portal.PortalSession;
import com.devcard.webhooks.store.portal.PortalSessionRepository;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Sessions of the users' web page: a magic link with a single-use code, exchanged within five
 * minutes for a session token that acts as its user on the REST API (read-only when asked). Codes
 * and tokens are 32 random bytes, URL-safe; only their hashes are stored.
 */
@Service
public class PortalSessions {

  /** Session tokens start with this, which no JWT can (a JWT starts with its base64 header). */
  public static final String TOKEN_PREFIX = "wps_";

  static final String CODE_PREFIX = "wpc_";
  static final Duration CODE_TTL = Duration.ofMinutes(5);
  static final Duration MIN_TTL = Duration.ofSeconds(60);
  static final Duration MAX_TTL = Duration.ofDays(1);
  static final int USER_ID_MAX = 128;
  private static final int RANDOM_BYTES = 32;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Logger log = LoggerFactory.getLogger(PortalSessions.class);

  private final PortalSessionRepository sessions;
  private final PortalProperties properties;

  PortalSessions(PortalSessionRepository sessions, PortalProperties properties) {
    this.sessions = sessions;
    this.properties = properties;
  }

  /** A new magic link for {@code userId}; the session it opens ends {@code ttl} from now. */
  public PortalLink open(String userId, Duration ttl, boolean readOnly) {
    if (userId == null || userId.isEmpty() || userId.length() > USER_ID_MAX) {
      throw new IllegalArgumentException("userId must be 1 to 128 characters");
    }
    if (ttl.compareTo(MIN_TTL) < 0 || ttl.compareTo(MAX_TTL) > 0) {
      throw new IllegalArgumentException("ttl must be between 60 seconds and one day");
    }
    String code = newSecret(CODE_PREFIX);
    PortalSession session = sessions.create(userId, readOnly, code, CODE_TTL, ttl);
    log.info(
        "portal session {} of user {} created (read-only: {}, until {})",
        session.id(),
        userId,
        readOnly,
        session.expiresAt());
    return new PortalLink(
        properties.linkFor(code), userId, readOnly, session.codeExpiresAt(), session.expiresAt());
  }

  /**
   * Exchanges a magic link's code for a new session token.
   *
   * @throws ApiException a 404 or 410 problem saying why the code opens nothing
   */
  ExchangedSession exchange(String code) {
    String token = newSecret(TOKEN_PREFIX);
    return switch (sessions.exchange(code, token)) {
      case CodeExchange.Exchanged exchanged -> {
        log.info("portal session {} opened", exchanged.session().id());
        yield new ExchangedSession(token, exchanged.session());
      }
      case CodeExchange.Refused refused -> throw refusal(refused.reason());
    };
  }

  /** The open session of a token, if it has one. */
  public Optional<PortalSession> authenticate(String token) {
    if (token == null || !token.startsWith(TOKEN_PREFIX)) {
      return Optional.empty();
    }
    return sessions.findOpen(token);
  }

  /** Ends every session of {@code userId}, and every link of theirs not yet opened, at once. */
  int endAll(String userId) {
    int ended = sessions.endAll(userId);
    log.info("{} portal session(s) of user {} ended", ended, userId);
    return ended;
  }

  record ExchangedSession(String token, PortalSession session) {}

  private static String newSecret(String prefix) {
    byte[] bytes = new byte[RANDOM_BYTES];
    RANDOM.nextBytes(bytes);
    return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static ApiException refusal(CodeExchange.Reason reason) {
    ApiException problem =
        switch (reason) {
          case USED ->
              gone(
                  "Link already used",
                  "This link was used already: each link opens the page once. Ask for a new link.");
          case EXPIRED ->
              gone(
                  "Link expired",
                  "This link has expired: a link must be opened within 5 minutes of being made."
                      + " Ask for a new link.");
          case ENDED ->
              gone(
                  "Link revoked",
                  "The sessions of this account were ended after this link was made. Ask for a"
                      + " new link.");
          case UNKNOWN ->
              new ApiException(
                  HttpStatus.NOT_FOUND,
                  ProblemTypes.PORTAL_LINK_INVALID,
                  "Link not recognised",
                  "This link is not valid: check that it was copied whole, or ask for a new link.");
        };
    return problem.withExtension("reason", reason.name().toLowerCase(Locale.ROOT));
  }

  private static ApiException gone(String title, String detail) {
    return new ApiException(HttpStatus.GONE, ProblemTypes.PORTAL_LINK_INVALID, title, detail);
  }
}
