package com.devcard.webhooks.app.web;

import com.devcard.webhooks.netguard.HostResolver;
import com.devcard.webhooks.netguard.TargetPolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one target rule of the process, whatever its roles: the api checks an endpoint's URL against
 * it when the endpoint is saved, and the worker's HTTP client checks every address it dials against
 * the same rule.
 */
@Configuration(proxyBeanMethods = false)
class TargetPolicyConfiguration {

  @Bean
  TargetPolicy targetPolicy(TargetProperties targets) {
    return new TargetPolicy(
        targets.allowHttp(), targets.allowPrivateTargets(), HostResolver.system());
  }
}
