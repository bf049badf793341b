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

/** The Temporal worker of the worker role: delivery workflows and the attempt activity. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole("worker")
class TemporalWorkerConfiguration {

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
            WorkerOptions.newBuilder()
                // Every thread the worker runs tasks on is virtual, so the process's platform
                // threads stay the same whatever the load: on platform threads, workflow tasks
                // would
                // start one per task in flight (up to max-concurrent-workflow-tasks), each kept 10
                // s
                // after its last task, and 5 pollers more.
                .setUsingVirtualThreadsOnWorkflowWorker(true)
                .setUsingVirtualThreadsOnActivityWorker(true)
                .setMaxConcurrentActivityExecutionSize(properties.maxConcurrentAttempts())
                .setMaxConcurrentWorkflowTaskExecutionSize(properties.maxConcurrentWorkflowTasks())
                .setStickyTaskQueueDrainTimeout(properties.stickyDrain())
                .setStickyQueueScheduleToStartTimeout(properties.stickyScheduleToStart())
                .build());
    worker.registerWorkflowImplementationTypes(DeliveryWorkflowImpl.class);
    worker.registerActivitiesImplementations(activities);
    // Bulk recoveries share the queue: each of their attempts is paced by its own workflow.
    worker.registerWorkflowImplementationTypes(RecoveryWorkflowImpl.class);
    worker.registerActivitiesImplementations(recoveryActivities);
    // Probes of endpoints disabled for failing: their attempts are the delivery activity's own.
    worker.registerWorkflowImplementationTypes(EndpointProbeWorkflowImpl.class);
    worker.registerActivitiesImplementations(probeActivities);
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
}
