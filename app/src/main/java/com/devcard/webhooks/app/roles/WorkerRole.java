package com.devcard.webhooks.app.roles;

import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/** The attempt activity and its outbound HTTP client; the Temporal worker runs them. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole("worker")
@ComponentScan("com.devcard.webhooks.worker")
@ConfigurationPropertiesScan("com.devcard.webhooks.worker")
class WorkerRole {}
