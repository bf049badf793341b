package com.devcard.webhooks.api.recovery;

import com.devcard.webhooks.api.error.ApiException;
import com.devcard.webhooks.api.error.ProblemTypes;
import com.devcard.webhooks.api.limit.UserLimitsProperties;
import com.devcard.webhooks.delivery.RecoveryState;
import com.devcard.webhooks.store.recovery.NewRecovery;
import com.devcard.webhooks.store.recovery.Recovery;
import com.devcard.webhooks.store.recovery.RecoveryAlreadyRunningException;
import com.devcard.webhooks.store.recovery.RecoveryRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/** Creating and cancelling recoveries: the store first, then the workflow. */
@Component
class RecoveryCommands {

  private static final Logger log = LoggerFactory.getLogger(RecoveryCommands.class);

  private final RecoveryRepository recoveries;
  private final RecoveryWorkflows workflows;
  private final RecoveryProperties properties;
  private final UserLimitsProperties limits;

  RecoveryCommands(
      RecoveryRepository recoveries,
      RecoveryWorkflows workflows,
      RecoveryProperties properties,
      UserLimitsProperties limits) {
    this.recoveries = recoveries;
    this.workflows = workflows;
    this.properties = properties;
    this.limits = limits;
  }

  /**
   * Snapshots the matching failed deliveries and starts the workflow at the configured rate. A
   * user's recovery leaves out deliveries that have had the most manual attempts allowed, as
   * "retry" refuses them; an operator's takes them all.
   *
   * @param ownerUserId who may see it through {@code /api/recoveries}; {@code null} for operators
   * @throws ApiException 409 when a recovery of the filter's endpoint is running
   */
  Recovery start(String ownerUserId, String createdBy, RecoveryRequestParser.Filter filter) {
    Recovery recovery;
    try {
      recovery =
          recoveries.create(
              new NewRecovery(
                  ownerUserId,
                  createdBy,
                  filter.userId(),
                  filter.endpointId(),
                  filter.since(),
                  properties.rate(),
                  ownerUserId == null ? null : limits.maxManualAttempts()));
    } catch (RecoveryAlreadyRunningException running) {
      throw new ApiException(
              HttpStatus.CONFLICT,
              ProblemTypes.RECOVERY_ALREADY_RUNNING,
              "Recovery already running",
              "Recovery "
                  + running.runningRecoveryId()
                  + " of this endpoint is still running; wait for it to end or cancel it.")
          .withExtension("recoveryId", running.runningRecoveryId());
    }
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
    if (recovery.state() != RecoveryState.RUNNING) {
      return recovery;
    }
    recoveries.finish(recovery.id(), RecoveryState.CANCELLED);
    workflows.cancel(recovery.id());
    log.info("recovery {} cancelled", recovery.id());
    return recoveries.find(recovery.id()).orElseThrow();
  }
}
