package com.devcard.webhooks.app.settings;

import java.util.List;

/** The service was started without settings it cannot run without. */
public class MissingSettingsException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  private final List<String> missing;

  MissingSettingsException(List<String> missing) {
    super("the service is not configured; missing: " + String.join(", ", missing));
    this.missing = List.copyOf(missing);
  }

  public List<String> missing() {
    return missing;
  }
}
