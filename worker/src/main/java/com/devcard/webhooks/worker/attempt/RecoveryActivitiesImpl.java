package com.devcard.webhooks.worker.attempt;

import com.devcard.webhooks.delivery.DeliveryStatus;
import com.devcard.webhooks.delivery.RecoveryItemOutcome;
import com.devcard.webhooks.delivery.RecoveryState;
import com.devcard.webhooks.store.delivery.AttemptRecordRepository;
import com.devcard.webhooks.store.delivery.RecordedAttempt;
import com.devcard.webhooks.store.recovery.RecoveryItem;
import com.devcard.webhooks.store.recovery.RecoveryRepository;
import com.devcard.webhooks.workflows.AttemptOutcome;
import com.devcard.webhooks.workflows.AttemptRequest;
import com.devcard.webhooks.workflows.AttemptTrigger;
import com.devcard.webhooks.workflows.RecoveryActivities;
import com.devcard.webhooks.workflows.RecoveryFinish;
import com.devcard.webhooks.workflows.RecoveryItemRequest;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * One item of a bulk recovery: one manual attempt for its delivery, made and recorded by the same
 * code as every other attempt, then the item's outcome and the recovery's counters in one
 * transaction. The attempt is keyed by the item, not by the activity execution, so a retried
 * activity, a reset workflow or a resumed recovery finds it recorded and sends nothing again.
 */
@Component
public class RecoveryActivitiesImpl implements RecoveryActivities {

  static final String MDC_RECOVERY_ID = "recoveryId";

  private static final Logger log = LoggerFactory.getLogger(RecoveryActivitiesImpl.class);

  private final RecoveryRepository recoveries;
  private final AttemptRecordRepository attemptRecords;
  private final DeliveryActivitiesImpl attempts;
  private final ReceiverMetrics receiverMetrics;

  public RecoveryActivitiesImpl(
      RecoveryRepository recoveries,
      AttemptRecordRepository attemptRecords,
      DeliveryActivitiesImpl attempts,
      ReceiverMetrics receiverMetrics) {
    this.receiverMetrics = receiverMetrics;
    this.recoveries = recoveries;
    this.attemptRecords = attemptRecords;
    this.attempts = attempts;
  }

  /** The attempt key of an item: the same for every execution that recovers it. */
  static String attemptKey(String recoveryId, int position) {
    return "recovery/" + recoveryId + "/" + position;
  }

  @Override
  public RecoveryItemOutcome recoverItem(RecoveryItemRequest request) {
    MDC.put(MDC_RECOVERY_ID, request.recoveryId());
    try {
      return recover(request);
    } finally {
      MDC.remove(MDC_RECOVERY_ID);
    }
  }

  private RecoveryItemOutcome recover(RecoveryItemRequest request) {
    Optional<RecoveryItem> found = recoveries.findItem(request.recoveryId(), request.position());
    if (found.isEmpty()) {
      // A request past the snapshot has nothing to do; nor has one for an item of an ended
      // recovery, deleted with its delivery at the end of the retention period.
      log.warn(
          "recovery {} has no item {}; nothing to do", request.recoveryId(), request.position());
      return RecoveryItemOutcome.SKIPPED;
    }
    RecoveryItem item = found.get();
    if (!item.isPending()) {
      return item.outcome();
    }
    String key = attemptKey(item.recoveryId(), item.position());
    // Checked before the delivery's status: the attempt itself may have changed it.
    Optional<RecordedAttempt> earlier = attemptRecords.findRecordedAttempt(key);
    if (earlier.isPresent()) {
      return finish(item, outcomeOf(earlier.get().success()), earlier.get().attempt());
    }
    if (item.recoveryState() == RecoveryState.CANCELLED) {
      return RecoveryItemOutcome.RECOVERY_CANCELLED;
    }
    DeliveryStatus expected = item.release() ? DeliveryStatus.HELD : DeliveryStatus.FAILED;
    if (item.deliveryStatus() != expected) {
      // Retried, cancelled or released since the snapshot: another attempt would repeat a
      // delivered event.
      log.info(
          "delivery {} is {} now; skipped", item.deliveryId(), item.deliveryStatus().wireValue());
      return released(item, finish(item, RecoveryItemOutcome.SKIPPED, null));
    }
    AttemptOutcome outcome = attempts.attempt(attemptFor(item), key);
    if (outcome.attemptNumber() == 0) {
      return released(item, finish(item, RecoveryItemOutcome.SKIPPED, null));
    }
    return released(item, finish(item, outcomeOf(outcome.succeeded()), outcome.attemptNumber()));
  }

  /**
   * A bulk recovery's item gets one manual attempt and no delay (it is the last one, so a failure
   * leaves the delivery failed). A release's item gets the next attempt of its delivery's schedule:
   * should it fail, the delivery goes on with the rest of its schedule.
   */
  private static AttemptRequest attemptFor(RecoveryItem item) {
    return item.release()
        ? AttemptRequest.release(item.deliveryId(), item.nextDelayIfItFails())
        : new AttemptRequest(item.deliveryId(), AttemptTrigger.MANUAL, null);
  }

  private RecoveryItemOutcome released(RecoveryItem item, RecoveryItemOutcome outcome) {
    if (item.release()) {
      receiverMetrics.released(
          switch (outcome) {
            case SUCCEEDED -> OutcomeTag.SUCCESS.tag();
            case FAILED -> OutcomeTag.FAILURE.tag();
            default -> OutcomeTag.SKIPPED.tag();
          });
    }
    return outcome;
  }

  private RecoveryItemOutcome finish(
      RecoveryItem item, RecoveryItemOutcome outcome, Integer attempt) {
    return recoveries.finishItem(item.recoveryId(), item.position(), outcome, attempt);
  }

  private static RecoveryItemOutcome outcomeOf(boolean succeeded) {
    return succeeded ? RecoveryItemOutcome.SUCCEEDED : RecoveryItemOutcome.FAILED;
  }

  @Override
  public RecoveryState finish(RecoveryFinish finish) {
    MDC.put(MDC_RECOVERY_ID, finish.recoveryId());
    try {
      RecoveryState state =
          recoveries.finish(finish.recoveryId(), finish.state()).orElse(finish.state());
      log.info("recovery {} {}", finish.recoveryId(), state.wireValue());
      return state;
    } finally {
      MDC.remove(MDC_RECOVERY_ID);
    }
  }
}
