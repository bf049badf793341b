package com.devcard.webhooks.workflows;

import io.temporal.api.common.v1.Payload;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.common.converter.DefaultDataConverter;
import java.util.List;

/** The summaries a workflow gives its timers and activities, as the Temporal UI shows them. */
final class WorkflowSummaries {

  private WorkflowSummaries() {}

  /** The summaries of the history's events of this type, in order. */
  static List<String> summaries(WorkflowExecutionHistory history, EventType type) {
    return history.getEvents().stream()
        .filter(event -> event.getEventType() == type)
        .map(HistoryEvent::getUserMetadata)
        .map(metadata -> decode(metadata.getSummary()))
        .toList();
  }

  private static String decode(Payload payload) {
    return DefaultDataConverter.STANDARD_INSTANCE.fromPayload(payload, String.class, String.class);
  }
}
