package com.devcard.webhooks.api.recovery;

import com.devcard.webhooks.store.recovery.NewRecovery;
import com.devcard.webhooks.store.recovery.Recovery;
import com.devcard.webhooks.store.recovery.RecoveryRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Creating and cancelling recoveries: the store first, then the workflow. */
@Component
class Recoveries {

  private static final Logger log = LoggerFactory.getLogger(Recoveries.class);

  private final RecoveryRepository recoveries;
  private final RecoveryWorkflows workflows;
  private final RecoveryProperties properties;

  Recoveries(
      RecoveryRepository recoveries, RecoveryWorkflows workflows, RecoveryProperties properties) {
    this.recoveries = recoveries;
    this.workflows = workflows;
    this.properties = properties;
  }

  /**
   * Snapshots the matching failed deliveries and starts the workflow at the configured rate.
   *
   * @param ownerUserId who may see it through {@code /api/recoveries}; {@code null} for operators
   */
  Recovery start(String ownerUserId, String createdBy, RecoveryRequests.Filter filter) {
    Recovery recovery =
        recoveries.create(
            new NewRecovery(
                ownerUserId,
                createdBy,
                filter.userId(),
                filter.endpointId(),
                filter.since(),
                properties.rate()));
    log.info(
        "recovery {} created: {} failed deliveries at {}/s",
        recovery.id(),
        recovery.total(),
        recovery.ratePerSecond());
    workflows.start(recovery, 1);
    return recovery;
  }

  /**
   * Marks a running recovery cancelled, so no further item is attempted whatever Temporal does,
   * then asks its workflow to stop. An ended recovery is answered as it is.
   */
  Recovery cancel(Recovery recovery) {
    if (!"running".equals(recovery.state())) {
      return recovery;
    }
    recoveries.finish(recovery.id(), "cancelled");
    workflows.cancel(recovery.id());
    log.info("recovery {} cancelled", recovery.id());
    return recoveries.find(recovery.id()).orElseThrow();
  }
}
