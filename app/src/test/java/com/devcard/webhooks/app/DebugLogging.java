package com.devcard.webhooks.app;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggerConfiguration;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * Frameworks log request and response values at debug level, so a test that no secret reaches the
 * logs runs with the application's and Spring's web and JDBC loggers at debug. The levels before
 * are restored after each test: the context, and its logging, is shared with other test classes.
 */
public final class DebugLogging implements BeforeEachCallback, AfterEachCallback {

  private static final List<String> LOGGERS =
      List.of("com.devcard", "org.springframework.web", "org.springframework.jdbc");

  private final Map<String, LogLevel> levelsBefore = new LinkedHashMap<>();

  @Override
  public void beforeEach(ExtensionContext context) {
    LoggingSystem logging = loggingOf(context);
    for (String logger : LOGGERS) {
      LoggerConfiguration configuration = logging.getLoggerConfiguration(logger);
      levelsBefore.put(logger, configuration == null ? null : configuration.getConfiguredLevel());
      logging.setLogLevel(logger, LogLevel.DEBUG);
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    levelsBefore.forEach(loggingOf(context)::setLogLevel);
    levelsBefore.clear();
  }

  private static LoggingSystem loggingOf(ExtensionContext context) {
    return SpringExtension.getApplicationContext(context).getBean(LoggingSystem.class);
  }
}
