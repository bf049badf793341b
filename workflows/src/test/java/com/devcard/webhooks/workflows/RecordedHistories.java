package com.devcard.webhooks.workflows;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.testing.WorkflowReplayer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Histories recorded from real runs, kept under {@code src/test/resources/histories}: how the
 * recorder tests write them and how the replay tests read them back.
 */
final class RecordedHistories {

  private static final String DIRECTORY = "histories/";

  private RecordedHistories() {}

  /**
   * A recorder's test server: a fixed identity and start time, so the files do not name the machine
   * they were recorded on.
   */
  static TestWorkflowExtension recorder(TestWorkflowExtension.Builder server) {
    return server
        .setWorkflowClientOptions(
            WorkflowClientOptions.newBuilder().setIdentity("history-recorder").build())
        .setInitialTime(Instant.parse("2026-01-01T00:00:00Z"))
        .build();
  }

  /** Writes the history as JSON into the module's sources, where the replay tests find it. */
  static void write(WorkflowExecutionHistory history, String fileName) throws IOException {
    // surefire runs in the module directory and sets basedir to it
    Path file =
        Path.of(System.getProperty("basedir", "."), "src/test/resources", DIRECTORY + fileName);
    Files.createDirectories(file.getParent());
    Files.writeString(file, history.toJson(true) + "\n", StandardCharsets.UTF_8);
  }

  /** Replays the recorded history on the workflow class; throws if it no longer fits. */
  static void replay(String fileName, Class<?> workflowClass) throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource(DIRECTORY + fileName, workflowClass);
  }

  /**
   * The recorded history does not replay on the changed workflow: Temporal finds it
   * nondeterministic.
   */
  static void assertReplayFails(String fileName, Class<?> changedWorkflowClass) {
    assertThatThrownBy(() -> replay(fileName, changedWorkflowClass))
        .hasStackTraceContaining("NonDeterministic");
  }
}
