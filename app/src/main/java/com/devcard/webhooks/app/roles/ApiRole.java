package com.devcard.webhooks.app.roles;

import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The REST API, dispatch and the reconciler. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole("api")
@EnableScheduling
@ComponentScan("com.devcard.webhooks.api")
@ConfigurationPropertiesScan("com.devcard.webhooks.api")
class ApiRole {}
