package com.devcard.webhooks.benchmark;

import com.devcard.webhooks.workflows.TaskQueues;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryResponse;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Figure 4: history events and billable actions of first-try deliveries, read from Temporal.
 * Actions follow Temporal Cloud's list: a workflow start, each activity attempt, each timer, each
 * search-attribute upsert (not those given at start), each signal, marker, child start or update.
 */
final class HistoryCost {

  record Cost(double events, double actions, Map<String, Integer> eventTypes) {}

  private HistoryCost() {}

  static Cost of(WorkflowServiceStubs stubs, List<String> deliveryIds) {
    List<Double> events = new ArrayList<>();
    List<Double> actions = new ArrayList<>();
    Map<String, Integer> types = new TreeMap<>();
    for (String deliveryId : deliveryIds) {
      List<HistoryEvent> history = history(stubs, TaskQueues.deliveryWorkflowId(deliveryId));
      events.add((double) history.size());
      actions.add((double) history.stream().mapToInt(HistoryCost::actions).sum());
      if (types.isEmpty()) {
        for (HistoryEvent event : history) {
          types.merge(event.getEventType().name().replace("EVENT_TYPE_", ""), 1, Integer::sum);
        }
      }
    }
    return new Cost(Stats.median(events), Stats.median(actions), types);
  }

  private static int actions(HistoryEvent event) {
    return switch (event.getEventType()) {
      case EVENT_TYPE_WORKFLOW_EXECUTION_STARTED,
          EVENT_TYPE_TIMER_STARTED,
          EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES,
          EVENT_TYPE_WORKFLOW_PROPERTIES_MODIFIED,
          EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED,
          EVENT_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED,
          EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED,
          EVENT_TYPE_MARKER_RECORDED,
          EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED,
          EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW ->
          1;
      // Every attempt of an activity is an action; history keeps only the last start.
      case EVENT_TYPE_ACTIVITY_TASK_STARTED ->
          event.getActivityTaskStartedEventAttributes().getAttempt();
      default -> 0;
    };
  }

  private static List<HistoryEvent> history(WorkflowServiceStubs stubs, String workflowId) {
    List<HistoryEvent> events = new ArrayList<>();
    GetWorkflowExecutionHistoryRequest.Builder request =
        GetWorkflowExecutionHistoryRequest.newBuilder()
            .setNamespace("default")
            .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId));
    while (true) {
      GetWorkflowExecutionHistoryResponse page =
          stubs.blockingStub().getWorkflowExecutionHistory(request.build());
      events.addAll(page.getHistory().getEventsList());
      if (page.getNextPageToken().isEmpty()) {
        return events;
      }
      request.setNextPageToken(page.getNextPageToken());
    }
  }
}
