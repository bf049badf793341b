package com.devcard.webhooks.app.web;

import com.devcard.webhooks.netguard.HostResolver;
import com.devcard.webhooks.netguard.TargetPolicy;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One address rule for both roles: the api checks it when an endpoint is saved, the worker on every
 * address it dials.
 */
@Configuration(proxyBeanMethods = false)
class TargetPolicyConfiguration {

  @Bean
  TargetPolicy targetPolicy(
      @Value("${webhooks.allow-http:false}") boolean allowHttp,
      @Value("${webhooks.allow-private-targets:false}") boolean allowPrivateTargets) {
    return new TargetPolicy(allowHttp, allowPrivateTargets, HostResolver.system());
  }
}
