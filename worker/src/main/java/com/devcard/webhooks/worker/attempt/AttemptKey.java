package com.devcard.webhooks.worker.attempt;

import io.temporal.activity.ActivityInfo;

/**
 * Names one attempt in the delivery log. Temporal runs an activity again with the same workflow run
 * and activity id when it retries after an infrastructure failure, so the key stays the same and
 * the attempt is recorded once; a workflow reset starts a new run, so its attempts are new.
 */
final class AttemptKey {

  private AttemptKey() {}

  static String of(ActivityInfo info) {
    return info.getWorkflowRunId() + "/" + info.getActivityId();
  }
}
