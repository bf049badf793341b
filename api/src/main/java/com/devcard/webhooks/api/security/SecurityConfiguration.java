package com.devcard.webhooks.api.security;

import com.devcard.webhooks.api.error.ProblemTypes;
import com.devcard.webhooks.api.error.ProblemWriter;
import com.devcard.webhooks.api.error.Problems;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;

/** Bearer-token security for {@code /api/**}: 401 and 403 as problem+json, no sessions. */
@Configuration
@EnableConfigurationProperties(JwtProperties.class)
class SecurityConfiguration {

  static final String PUBLISH = "SCOPE_events:publish";
  static final String ADMIN = "SCOPE_webhooks:admin";

  @Bean
  JwtDecoder jwtDecoder(JwtProperties properties) {
    return JwtDecoders.from(properties);
  }

  @Bean
  @Order(Ordered.HIGHEST_PRECEDENCE + 10)
  SecurityFilterChain apiSecurity(HttpSecurity http, ProblemWriter problemWriter) throws Exception {
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
                    "The token lacks the scope this route needs."));
    http.securityMatcher("/api/**")
        .csrf(csrf -> csrf.disable())
        .sessionManagement(
            session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .authorizeHttpRequests(
            authorize ->
                authorize
                    .requestMatchers(HttpMethod.POST, "/api/events")
                    .hasAuthority(PUBLISH)
                    .requestMatchers("/api/admin/**")
                    .hasAuthority(ADMIN)
                    .anyRequest()
                    .authenticated())
        .oauth2ResourceServer(
            oauth2 ->
                oauth2
                    .jwt(jwt -> {})
                    .authenticationEntryPoint(unauthorized)
                    .accessDeniedHandler(forbidden))
        .exceptionHandling(
            exceptions ->
                exceptions.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden));
    return http.build();
  }
}
