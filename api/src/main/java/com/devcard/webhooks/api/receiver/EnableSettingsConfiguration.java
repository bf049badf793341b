package com.devcard.webhooks.api.receiver;

import com.devcard.webhooks.api.event.DispatchProperties;
import com.devcard.webhooks.api.recovery.RecoveryProperties;
import com.devcard.webhooks.store.endpoint.EnableSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * An owner enabling an endpoint the service disabled releases its held deliveries at the bulk
 * recovery's pace, and the operational event it records follows the delivery schedule.
 */
@Configuration(proxyBeanMethods = false)
class EnableSettingsConfiguration {

  @Bean
  EnableSettings enableSettings(RecoveryProperties recovery, DispatchProperties dispatch) {
    return new EnableSettings(recovery.rate(), dispatch.schedule());
  }
}
