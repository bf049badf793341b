package com.devcard.webhooks.app.metrics;

import com.devcard.webhooks.app.roles.ConditionalOnRole;
import com.devcard.webhooks.store.recovery.RecoveryRepository;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * {@code webhooks.recoveries.running}: bulk recoveries in progress, counted in the database every
 * {@code WEBHOOKS_METRICS_BACKLOG_EVERY} like the delivery backlog, so scrapes stay cheap. Kept by
 * the api role, which starts recoveries.
 */
@Component
@ConditionalOnRole("api")
class RecoveryMetrics implements SchedulingConfigurer {

  private static final Logger log = LoggerFactory.getLogger(RecoveryMetrics.class);

  private final RecoveryRepository recoveries;
  private final AtomicLong running = new AtomicLong();
  private final MetricsProperties properties;

  RecoveryMetrics(
      RecoveryRepository recoveries, MeterRegistry registry, MetricsProperties properties) {
    this.recoveries = recoveries;
    this.properties = properties;
    Gauge.builder("webhooks.recoveries.running", running, AtomicLong::get)
        .description("Bulk recoveries in progress")
        .register(registry);
  }

  @Override
  public void configureTasks(ScheduledTaskRegistrar tasks) {
    tasks.addFixedDelayTask(
        new FixedDelayTask(
            this::refresh, properties.backlogEvery(), MetricsProperties.FIRST_COUNT_AFTER));
  }

  void refresh() {
    try {
      running.set(recoveries.countRunning());
    } catch (DataAccessException unreachable) {
      // The gauge keeps its last value; the health endpoint reports the database.
      log.debug("recovery gauge not refreshed: {}", unreachable.getClass().getSimpleName());
    }
  }
}
