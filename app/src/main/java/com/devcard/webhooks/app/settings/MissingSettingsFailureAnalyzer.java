package com.devcard.webhooks.app.settings;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints the missing settings as one clear message instead of a stack trace. */
class MissingSettingsFailureAnalyzer extends AbstractFailureAnalyzer<MissingSettingsException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, MissingSettingsException cause) {
    return new FailureAnalysis(
        "DevCard Webhooks refuses to start half-configured. Missing: "
            + String.join(", ", cause.missing())
            + ".",
        "Set every variable named above (docs/configuration.md lists them all)."
            + (cause.missing().contains(RequiredSettings.MASTER_KEY)
                ? " Make a master key with: java -jar app.jar --generate-master-key."
                : "")
            + " For a local instance with everything embedded, run the dev runtime instead:"
            + " ./mvnw -q -DskipTests -pl dev -am package spring-boot:run",
        cause);
  }
}
