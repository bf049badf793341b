package com.devcard.webhooks.app.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Everything outside {@code /api/**}: health, metrics and the API docs are open (keep {@code
 * /actuator} behind the network boundary in production); only the endpoints listed in {@code
 * management.endpoints.web.exposure} exist, and any other path answers 404.
 */
@Configuration(proxyBeanMethods = false)
class ActuatorSecurityConfiguration {

  @Bean
  @Order(Ordered.LOWEST_PRECEDENCE)
  SecurityFilterChain publicRoutes(HttpSecurity http) throws Exception {
    http.csrf(csrf -> csrf.disable())
        .authorizeHttpRequests(authorize -> authorize.anyRequest().permitAll());
    return http.build();
  }
}
