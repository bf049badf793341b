package com.devcard.webhooks.dev;

import com.devcard.webhooks.api.portal.PortalSessions;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** The dev runtime's beans, added to the application only by {@link DevApplication}. */
@Configuration(proxyBeanMethods = false)
class DevConfiguration {

  @Bean
  DevTokens devTokens(Environment environment, ObjectProvider<PortalSessions> portalSessions) {
    return new DevTokens(environment, portalSessions);
  }
}
