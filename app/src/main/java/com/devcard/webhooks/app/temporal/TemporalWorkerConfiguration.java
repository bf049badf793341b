package com.devcard.webhooks.app.temporal;

import com.devcard.webhooks.app.roles.ConditionalOnRole;
import com.devcard.webhooks.workflows.AttemptActivityOptions;
import com.devcard.webhooks.workflows.DeliveryActivities;
import com.devcard.webhooks.workflows.DeliveryWorkflowImpl;
import com.devcard.webhooks.workflows.EndpointProbeActivities;
import com.devcard.webhooks.workflows.EndpointProbeWorkflowImpl;
import com.devcard.webhooks.workflows.RecoveryActivities;
import com.devcard.webhooks.workflows.RecoveryWorkflowImpl;
import com.devcard.webhooks.workflows.TaskQueues;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Temporal workers of the worker role: delivery workflows and the attempt activity on the main
 * task queue and on the express lane, recoveries and probes on the main queue only.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole("worker")
class TemporalWorkerConfiguration {

  /**
   * The express lane's slot counts are the main worker's divided by this, on top of them: derived
   * rather than settings of their own, so that sizing a worker stays one pair of settings. The lane
   * carries each user's first few unfinished deliveries (two by default), never a backlog, so a few
   * slots serve it. Workflow tasks are CPU: 2 beside the default 8 add little contention for the
   * cores (the lane is seldom full), where another 8 could starve tasks long enough for Temporal's
   * deadlock detector. Attempts wait on the network: 250 beside the default 1000 let 125 users' two
   * attempts each wait on slow receivers before a quiet user's attempt queues behind them.
   */
  private static final int EXPRESS_SHARE = 4;

  @Bean
  WorkerFactory workerFactory(
      WorkflowClient client,
      TemporalProperties properties,
      DeliveryActivities activities,
      RecoveryActivities recoveryActivities,
      EndpointProbeActivities probeActivities,
      ActivityHeartbeats heartbeats) {
    WorkerFactory factory =
        WorkerFactory.newInstance(
            client,
            WorkerFactoryOptions.newBuilder()
                .setUsingVirtualWorkflowThreads(true)
                .setWorkerInterceptors(heartbeats)
                .build());
    Worker worker =
        factory.newWorker(
            TaskQueues.DELIVERY,
            options(
                properties,
                properties.maxConcurrentAttempts(),
                properties.maxConcurrentWorkflowTasks()));
    worker.registerWorkflowImplementationTypes(DeliveryWorkflowImpl.class);
    worker.registerActivitiesImplementations(activities);
    // Bulk recoveries share the queue: each of their attempts is paced by its own workflow.
    worker.registerWorkflowImplementationTypes(RecoveryWorkflowImpl.class);
    worker.registerActivitiesImplementations(recoveryActivities);
    // Probes of endpoints disabled for failing: their attempts are the delivery activity's own.
    worker.registerWorkflowImplementationTypes(EndpointProbeWorkflowImpl.class);
    worker.registerActivitiesImplementations(probeActivities);

    Worker express =
        factory.newWorker(
            TaskQueues.DELIVERY_EXPRESS,
            options(
                properties,
                expressShare(properties.maxConcurrentAttempts()),
                expressShare(properties.maxConcurrentWorkflowTasks())));
    express.registerWorkflowImplementationTypes(DeliveryWorkflowImpl.class);
    express.registerActivitiesImplementations(activities);
    return factory;
  }

  @Bean
  ActivityHeartbeats activityHeartbeats() {
    return new ActivityHeartbeats(AttemptActivityOptions.HEARTBEAT_EVERY);
  }

  @Bean
  TemporalWorkerLifecycle temporalWorkerLifecycle(WorkerFactory factory) {
    return new TemporalWorkerLifecycle(factory);
  }

  private static int expressShare(int slots) {
    return Math.max(1, slots / EXPRESS_SHARE);
  }

  /** The same threads and sticky settings for both queues; only the slot counts differ. */
  private static WorkerOptions options(TemporalProperties properties, int attempts, int tasks) {
    return WorkerOptions.newBuilder()
        // Every thread the worker runs tasks on is virtual, so the process's platform threads stay
        // the same whatever the load: on platform threads, workflow tasks would start one per
        // task in flight (up to max-concurrent-workflow-tasks), each kept 10 s after its last
        // task, and 5 pollers more.
        .setUsingVirtualThreadsOnWorkflowWorker(true)
        .setUsingVirtualThreadsOnActivityWorker(true)
        .setMaxConcurrentActivityExecutionSize(attempts)
        .setMaxConcurrentWorkflowTaskExecutionSize(tasks)
        .setStickyTaskQueueDrainTimeout(properties.stickyDrain())
        .setStickyQueueScheduleToStartTimeout(properties.stickyScheduleToStart())
        .build();
  }
}
