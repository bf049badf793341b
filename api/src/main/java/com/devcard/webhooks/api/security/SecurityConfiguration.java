package com.devcard.webhooks.api.security;

import com.devcard.webhooks.api.error.ProblemTypes;
import com.devcard.webhooks.api.error.ProblemWriter;
import com.devcard.webhooks.api.error.Problems;
import com.devcard.webhooks.api.portal.PortalSessions;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authorization.AuthenticatedAuthorizationManager;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationManagers;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * Bearer-token security for {@code /api/**}: 401 and 403 as problem+json, no sessions. A bearer
 * token is a JWT, or a session token of the users' web page ({@code wps_...}), which acts as its
 * user without any scope and, when read-only, may only read.
 */
@Configuration
@EnableConfigurationProperties(JwtProperties.class)
class SecurityConfiguration {

  static final String PUBLISH = "SCOPE_events:publish";
  static final String ADMIN = "SCOPE_webhooks:admin";
  static final String PORTAL = "SCOPE_webhooks:portal";

  @Bean
  JwtDecoder jwtDecoder(JwtProperties properties) {
    return JwtDecoders.from(properties);
  }

  @Bean
  @Order(Ordered.HIGHEST_PRECEDENCE + 10)
  SecurityFilterChain apiSecurity(
      HttpSecurity http,
      ProblemWriter problemWriter,
      JwtDecoder jwtDecoder,
      PortalSessions portalSessions)
      throws Exception {
    AuthenticationEntryPoint unauthorized =
        (request, response, exception) -> {
          response.setHeader("WWW-Authenticate", "Bearer");
          problemWriter.write(
              response,
              Problems.of(
                  HttpStatus.UNAUTHORIZED,
                  ProblemTypes.UNAUTHORIZED,
                  "Unauthorized",
                  "A valid bearer token is required."));
        };
    AccessDeniedHandler forbidden =
        (request, response, exception) ->
            problemWriter.write(
                response,
                Problems.of(
                    HttpStatus.FORBIDDEN,
                    ProblemTypes.FORBIDDEN,
                    "Forbidden",
                    isReadOnlySession(SecurityContextHolder.getContext().getAuthentication())
                        ? "This session is read-only: it can look, not change anything."
                        : "The token lacks the scope this route needs."));
    AuthenticationManager bearerTokens = bearerTokens(jwtDecoder, portalSessions);
    http.securityMatcher("/api/**")
        .csrf(csrf -> csrf.disable())
        .sessionManagement(
            session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .authorizeHttpRequests(
            authorize ->
                authorize
                    // The code of a magic link is the credential here.
                    .requestMatchers(HttpMethod.POST, "/api/portal-sessions/exchange")
                    .permitAll()
                    .requestMatchers("/api/portal-sessions", "/api/portal-sessions/**")
                    .hasAuthority(PORTAL)
                    .requestMatchers(HttpMethod.POST, "/api/events")
                    .hasAuthority(PUBLISH)
                    .requestMatchers("/api/admin/**")
                    .hasAuthority(ADMIN)
                    .requestMatchers(HttpMethod.GET)
                    .authenticated()
                    .requestMatchers(HttpMethod.HEAD)
                    .authenticated()
                    .anyRequest()
                    .access(
                        AuthorizationManagers.allOf(
                            AuthenticatedAuthorizationManager
                                .<RequestAuthorizationContext>authenticated(),
                            AuthorizationManagers.not(
                                AuthorityAuthorizationManager
                                    .<RequestAuthorizationContext>hasAuthority(
                                        PortalSessionAuthenticationProvider.READ_ONLY)))))
        .oauth2ResourceServer(
            oauth2 ->
                oauth2
                    .authenticationManagerResolver(request -> bearerTokens)
                    .authenticationEntryPoint(unauthorized)
                    .accessDeniedHandler(forbidden))
        .exceptionHandling(
            exceptions ->
                exceptions.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden));
    return http.build();
  }

  /** Portal session tokens to their provider, everything else to the JWT decoder. */
  private static AuthenticationManager bearerTokens(
      JwtDecoder jwtDecoder, PortalSessions portalSessions) {
    AuthenticationManager jwts = new ProviderManager(new JwtAuthenticationProvider(jwtDecoder));
    AuthenticationManager portal =
        new ProviderManager(new PortalSessionAuthenticationProvider(portalSessions));
    return authentication ->
        authentication instanceof BearerTokenAuthenticationToken bearer
                && PortalSessionAuthenticationProvider.isPortalToken(bearer.getToken())
            ? portal.authenticate(authentication)
            : jwts.authenticate(authentication);
  }

  private static boolean isReadOnlySession(Authentication authentication) {
    return authentication != null
        && authentication.getAuthorities().stream()
            .anyMatch(
                authority ->
                    PortalSessionAuthenticationProvider.READ_ONLY.equals(authority.getAuthority()));
  }
}
