package com.devcard.webhooks.workflows;

/**
 * A delivery workflow run that was cancelled (from the Temporal UI, or by the api after it
 * cancelled the delivery), to be recorded in the delivery log.
 *
 * @param oneManualAttempt the run was a manual attempt's; a cancelled run of the schedule must not
 *     cancel a manual attempt requested after the schedule ended
 */
public record CancelledRun(String deliveryId, boolean oneManualAttempt) {}
