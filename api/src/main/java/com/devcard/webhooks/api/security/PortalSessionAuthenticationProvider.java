package com.devcard.webhooks.api.security;

import com.devcard.webhooks.api.portal.PortalSessions;
import com.devcard.webhooks.store.portal.PortalSession;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Authenticates the session tokens of the users' web page ({@code wps_...}). The controllers read
 * the user from the principal's subject, as they do for a JWT: a session is presented as a token
 * whose subject is its user and that has no scope, so every route applies to it exactly the rules
 * it applies to that user's own token. It is looked up on every request, so ending a session takes
 * effect at once.
 */
class PortalSessionAuthenticationProvider implements AuthenticationProvider {

  /** Every request made with a portal session token has this authority. */
  static final String PORTAL_SESSION = "PORTAL_SESSION";

  /** ... and a read-only session this one too: it may only read. */
  static final String READ_ONLY = "PORTAL_READ_ONLY";

  private final PortalSessions sessions;

  PortalSessionAuthenticationProvider(PortalSessions sessions) {
    this.sessions = sessions;
  }

  static boolean isPortalToken(String token) {
    return token.startsWith(PortalSessions.TOKEN_PREFIX);
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    String token = ((BearerTokenAuthenticationToken) authentication).getToken();
    PortalSession session =
        sessions
            .authenticate(token)
            .orElseThrow(() -> new InvalidBearerTokenException("portal session is not open"));
    // The session id stands in for the token value: the principal never carries the secret.
    Jwt principal =
        Jwt.withTokenValue(session.id())
            .header("typ", "portal-session")
            .subject(session.userId())
            .expiresAt(session.expiresAt())
            .claim("portal_session", session.id())
            .build();
    List<GrantedAuthority> authorities = new ArrayList<>();
    authorities.add(new SimpleGrantedAuthority(PORTAL_SESSION));
    if (session.readOnly()) {
      authorities.add(new SimpleGrantedAuthority(READ_ONLY));
    }
    JwtAuthenticationToken result = new JwtAuthenticationToken(principal, authorities);
    result.setDetails(authentication.getDetails());
    return result;
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return BearerTokenAuthenticationToken.class.isAssignableFrom(authentication);
  }
}
