package com.devcard.webhooks.app.web;

import org.apache.catalina.Host;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** Every error answer is problem+json, including the ones Tomcat gives before Spring runs. */
@Configuration(proxyBeanMethods = false)
class ProblemErrorsConfiguration {

  /** Runs after Spring Boot's own customizer, and replaces the error report valve it adds. */
  @Bean
  WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports(
      JsonMapper jsonMapper) {
    return factory ->
        factory.addContextCustomizers(
            context -> {
              Host host = (Host) context.getParent();
              Pipeline pipeline = host.getPipeline();
              for (Valve valve : pipeline.getValves()) {
                if (valve instanceof ErrorReportValve) {
                  pipeline.removeValve(valve);
                }
              }
              pipeline.addValve(new ProblemErrorReportValve(jsonMapper));
              if (host instanceof StandardHost standardHost) {
                // Otherwise the host adds Tomcat's HTML valve back when it starts.
                standardHost.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
              }
            });
  }
}
