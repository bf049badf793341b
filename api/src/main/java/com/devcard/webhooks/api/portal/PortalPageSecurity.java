package com.devcard.webhooks.api.portal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * The page and its assets: open to all (the page holds no data; the API checks the session token),
 * under a strict Content-Security-Policy that allows only this origin's scripts and styles and
 * framing only by {@code WEBHOOKS_PORTAL_FRAME_ANCESTORS}. No X-Frame-Options (the CSP decides who
 * may frame it), no cookie, no referrer: the page works inside DevCard's cross-site iframe.
 */
@Configuration(proxyBeanMethods = false)
class PortalPageSecurity {

  @Bean
  @Order(Ordered.HIGHEST_PRECEDENCE + 20)
  SecurityFilterChain portalPage(HttpSecurity http, PortalProperties properties) throws Exception {
    http.securityMatcher("/portal", "/portal/**")
        .csrf(csrf -> csrf.disable())
        .requestCache(cache -> cache.disable())
        .sessionManagement(
            session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .headers(
            headers ->
                headers
                    .contentSecurityPolicy(
                        csp -> csp.policyDirectives(properties.contentSecurityPolicy()))
                    .frameOptions(frame -> frame.disable())
                    .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER)))
        .authorizeHttpRequests(authorize -> authorize.anyRequest().permitAll());
    return http.build();
  }
}
