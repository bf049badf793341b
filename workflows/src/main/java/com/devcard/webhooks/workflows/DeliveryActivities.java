package com.devcard.webhooks.workflows;

import com.devcard.webhooks.delivery.DeliveryStatus;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * The side effects of a delivery. One call is one attempt: load, sign, POST, record, all in the
 * activity, so workflow history carries ids and outcomes only.
 */
@ActivityInterface
public interface DeliveryActivities {

  /**
   * Makes and records one attempt. Idempotent when Temporal runs it again for the same activity
   * execution: the recorded outcome is returned and no second request is sent. Throws only on
   * infrastructure failures (database unreachable), which Temporal retries without using up an
   * attempt.
   */
  @ActivityMethod(name = "Attempt")
  AttemptOutcome attempt(AttemptRequest request);

  /**
   * Records that the delivery's workflow run was cancelled: a pending delivery becomes {@code
   * cancelled} by an operator. Idempotent; changes nothing when the delivery is already finished.
   *
   * @return the status the cancelled run ends with: the delivery's final status, or {@code
   *     CANCELLED}
   */
  @ActivityMethod(name = "MarkCancelled")
  DeliveryStatus markCancelled(CancelledRun run);
}
