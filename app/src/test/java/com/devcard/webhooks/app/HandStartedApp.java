package com.devcard.webhooks.app;

import com.devcard.webhooks.testkit.WebhooksStack;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The application started by a test itself, as production starts it, on a free port against a
 * stack: for tests that stop an app, or run several in turn on one stack, or give it a setting the
 * stack has its own value for (each setting is given once: a repeated command-line setting would
 * join both values).
 */
public final class HandStartedApp {

  private HandStartedApp() {}

  /**
   * Starts it with the stack's settings, these ({@code NAME=value}) added or put in their place.
   */
  public static ConfigurableApplicationContext start(WebhooksStack stack, String... settings) {
    Map<String, Object> merged = new LinkedHashMap<>(stack.settings());
    merged.put("server.port", "0");
    for (String setting : settings) {
      int equals = setting.indexOf('=');
      merged.put(setting.substring(0, equals), setting.substring(equals + 1));
    }
    String[] arguments =
        merged.entrySet().stream()
            .map(setting -> "--" + setting.getKey() + "=" + setting.getValue())
            .toArray(String[]::new);
    // Its startup line names the application, not the test runner's main class.
    return new SpringApplicationBuilder(WebhooksApplication.class)
        .main(WebhooksApplication.class)
        .run(arguments);
  }
}
