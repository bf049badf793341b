package com.devcard.webhooks.benchmark;

import com.devcard.webhooks.workflows.TaskQueues;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import tools.jackson.databind.JsonNode;

/**
 * Figure 10: what a new event costs once its endpoint is disabled. One user's receiver answers
 * {@code 410}, which disables the endpoint; then it and another user's working endpoint get the
 * same number of events. For each: the requests its receiver got, the deliveries that have a
 * workflow in Temporal (asked one by one: the test server answers no visibility list or count) and
 * how many of those still run, and the deliveries recorded {@code held}.
 */
final class DeadEndpointCost {

  private static final String DEAD = "dead-0";
  private static final String LIVE = "live-0";
  private static final WorkflowExecutionStatus RUNNING =
      WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;

  /**
   * @param requests requests the endpoint's receiver got for the events
   * @param workflows deliveries of the events with a workflow, finished or not (the disabled
   *     endpoint's probe workflow counted too, should it have one)
   * @param running of those, the ones still running
   * @param held deliveries of the events recorded {@code held}
   */
  record Cost(int requests, int workflows, int running, long held) {}

  record Result(int events, Cost live, Cost dead) {}

  private final BenchmarkStack stack;
  private final String publisher;

  DeadEndpointCost(BenchmarkStack stack) {
    this.stack = stack;
    this.publisher = stack.tokens.publisher();
  }

  Result measure(int events) throws InterruptedException {
    String deadPath = "/gone/" + DEAD;
    String livePath = "/ok/" + LIVE;
    stack.receiver.watch(deadPath);
    stack.receiver.watch(livePath);
    String deadEndpoint =
        stack.api.createEndpoint(stack.tokens.user(DEAD), stack.receiver.url(deadPath));
    stack.api.createEndpoint(stack.tokens.user(LIVE), stack.receiver.url(livePath));

    stack.api.publish(publisher, DEAD, 0);
    Bench.await(
        "the receiver's 410 to disable the endpoint",
        Duration.ofMinutes(2),
        () ->
            stack.database.count(
                    "select count(*) from webhook_endpoints"
                        + " where id = ? and not is_active and disabled_reason = 'gone'",
                    deadEndpoint)
                == 1);
    int deadBefore = stack.receiver.arrivals(deadPath).size();
    List<String> deadIds = publish(DEAD, events);
    List<String> liveIds = publish(LIVE, events);
    Bench.await(
        "the working endpoint's deliveries",
        Duration.ofMinutes(5),
        () -> stack.receiver.arrivals(livePath).size() >= events);
    // Time for anything the disabled endpoint's events might have set off to show.
    Bench.pause(Duration.ofSeconds(5));

    List<String> deadWorkflowIds = new ArrayList<>();
    deadIds.forEach(id -> deadWorkflowIds.add(TaskQueues.deliveryWorkflowId(id)));
    deadWorkflowIds.add(TaskQueues.endpointProbeWorkflowId(deadEndpoint));
    Cost dead = cost(stack.receiver.arrivals(deadPath).size() - deadBefore, deadWorkflowIds, DEAD);
    Cost live =
        cost(
            stack.receiver.arrivals(livePath).size(),
            liveIds.stream().map(TaskQueues::deliveryWorkflowId).toList(),
            LIVE);
    return new Result(events, live, dead);
  }

  /** Reports the events; returns the ids of their deliveries. */
  private List<String> publish(String user, int events) throws InterruptedException {
    ConcurrentLinkedQueue<String> ids = new ConcurrentLinkedQueue<>();
    Publishers.closedLoop(
        events,
        i -> {
          for (JsonNode delivery : stack.api.publish(publisher, user, i).values()) {
            ids.add(delivery.get("id").asString());
          }
        });
    if (ids.size() != events) {
      throw new IllegalStateException(events + " events but " + ids.size() + " deliveries");
    }
    return List.copyOf(ids);
  }

  /** The cost, with the workflows among {@code workflowIds} that exist and that run. */
  private Cost cost(int requests, List<String> workflowIds, String user) {
    int workflows = 0;
    int running = 0;
    for (String workflowId : workflowIds) {
      Optional<WorkflowExecutionStatus> status = status(workflowId);
      workflows += status.isPresent() ? 1 : 0;
      running += status.filter(RUNNING::equals).isPresent() ? 1 : 0;
    }
    return new Cost(requests, workflows, running, held(user));
  }

  /** The status of the workflow's latest run; empty when there is none. */
  private Optional<WorkflowExecutionStatus> status(String workflowId) {
    try {
      return Optional.of(
          stack
              .stubs
              .blockingStub()
              .describeWorkflowExecution(
                  DescribeWorkflowExecutionRequest.newBuilder()
                      .setNamespace("default")
                      .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                      .build())
              .getWorkflowExecutionInfo()
              .getStatus());
    } catch (StatusRuntimeException exception) {
      if (exception.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return Optional.empty();
      }
      throw exception;
    }
  }

  private long held(String user) {
    return stack.database.count(
        "select count(*) from webhook_deliveries where user_id = ? and status = 'held'", user);
  }
}
