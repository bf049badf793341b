package com.devcard.webhooks.workflows;

import com.devcard.webhooks.delivery.RecoveryItemOutcome;
import com.devcard.webhooks.delivery.RecoveryState;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** The side effects of a bulk recovery: one manual attempt per item, and the recovery's end. */
@ActivityInterface
public interface RecoveryActivities {

  /**
   * Makes one manual attempt for the item's delivery, unless the item is already done, and records
   * the item's outcome with the recovery's counters. Idempotent per item: running it again (a
   * Temporal retry, a reset, a resumed recovery) sends nothing new and counts nothing twice. Throws
   * only on infrastructure failures, which Temporal retries.
   */
  @ActivityMethod(name = "RecoverItem")
  RecoveryItemOutcome recoverItem(RecoveryItemRequest request);

  /**
   * Ends the recovery with the given state unless it has already ended (an API cancel wins over a
   * later completion).
   *
   * @return the recovery's state afterwards
   */
  @ActivityMethod(name = "FinishRecovery")
  RecoveryState finish(RecoveryFinish finish);
}
