package com.devcard.webhooks.app.metrics;

import com.devcard.webhooks.app.roles.ConditionalOnRole;
import com.devcard.webhooks.store.delivery.PendingCounts;
import com.devcard.webhooks.store.delivery.PendingDeliveryRepository;
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
 * The delivery backlog as gauges: {@code webhooks.deliveries.pending} (deliveries with attempts
 * still to come) and {@code webhooks.deliveries.waiting.for.retry} (those among them waiting for a
 * scheduled retry after a failed attempt). Counted in the database every {@code
 * WEBHOOKS_METRICS_BACKLOG_EVERY}, not on each scrape, so scrapes stay cheap whatever their rate.
 * Kept by the api role, which every deployment runs once or more.
 */
@Component
@ConditionalOnRole("api")
class DeliveryBacklogMetrics implements SchedulingConfigurer {

  private static final Logger log = LoggerFactory.getLogger(DeliveryBacklogMetrics.class);

  private final PendingDeliveryRepository deliveries;
  private final AtomicLong pending = new AtomicLong();
  private final AtomicLong waitingForRetry = new AtomicLong();
  private final MetricsProperties properties;

  DeliveryBacklogMetrics(
      PendingDeliveryRepository deliveries, MeterRegistry registry, MetricsProperties properties) {
    this.deliveries = deliveries;
    this.properties = properties;
    Gauge.builder("webhooks.deliveries.pending", pending, AtomicLong::get)
        .description("Deliveries with attempts still to come")
        .register(registry);
    Gauge.builder("webhooks.deliveries.waiting.for.retry", waitingForRetry, AtomicLong::get)
        .description("Pending deliveries waiting for a scheduled retry after a failed attempt")
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
      PendingCounts counts = deliveries.pendingCounts();
      pending.set(counts.pending());
      waitingForRetry.set(counts.waitingForRetry());
    } catch (DataAccessException unreachable) {
      // The gauges keep their last values; the health endpoint reports the database.
      log.debug("backlog gauges not refreshed: {}", unreachable.getClass().getSimpleName());
    }
  }
}
