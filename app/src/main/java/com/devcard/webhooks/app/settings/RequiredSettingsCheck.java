package com.devcard.webhooks.app.settings;

import com.devcard.webhooks.app.WebhooksApplication;
import java.util.List;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.context.ApplicationListener;

/**
 * Refuses to start a half-configured service, naming every missing setting at once. It runs when
 * the context is prepared, before any bean exists, so a missing setting never surfaces later as an
 * obscure connection or bean error.
 */
public class RequiredSettingsCheck implements ApplicationListener<ApplicationPreparedEvent> {

  @Override
  public void onApplicationEvent(ApplicationPreparedEvent event) {
    // The service itself, not the one-shot commands that share its jar.
    if (!event.getSpringApplication().getAllSources().contains(WebhooksApplication.class)) {
      return;
    }
    List<String> missing =
        RequiredSettings.missingFrom(event.getApplicationContext().getEnvironment());
    if (!missing.isEmpty()) {
      throw new MissingSettingsException(missing);
    }
  }
}
