package com.devcard.webhooks.api.receiver;

import com.devcard.webhooks.store.operational.OperationalEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * Points the operational endpoint at {@code WEBHOOKS_OPERATIONAL_URL} when the api starts, or turns
 * it off when it is unset, so the events recorded from then on go where the settings say.
 */
@Component
class OperationalEndpointSetup implements InitializingBean {

  private static final Logger log = LoggerFactory.getLogger(OperationalEndpointSetup.class);

  private final OperationalEndpoint endpoint;
  private final OperationalProperties properties;

  OperationalEndpointSetup(OperationalEndpoint endpoint, OperationalProperties properties) {
    this.endpoint = endpoint;
    this.properties = properties;
  }

  @Override
  public void afterPropertiesSet() {
    endpoint.configure(properties.configuredUrl(), properties.secret());
    properties
        .configuredUrl()
        .ifPresentOrElse(
            url -> log.info("operational events are sent to the configured operational URL"),
            () -> log.info("no operational URL: endpoint.disabled and endpoint.enabled not sent"));
  }
}
