package com.devcard.webhooks.app.operators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.devcard.webhooks.app.AppClient;
import com.devcard.webhooks.testkit.Receivers;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What an operator watches: the Prometheus scrape after deliveries, and the JSON log lines of one
 * delivery, with {@code LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs}.
 */
@OperatorAppTest
@ExtendWith(OutputCaptureExtension.class)
class ObservabilityIT {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @RegisterExtension static final WireMockExtension receiver = Receivers.perClass();

  @Autowired AppClient app;

  @Test
  void thePrometheusScrapeShowsAttemptsTheBacklogAndTemporalWorkerMetrics() {
    DeliveryDriver succeeding = new DeliveryDriver(app, receiver, 204);
    DeliveryDriver failing = new DeliveryDriver(app, receiver, 503);
    succeeding.awaitStatus(succeeding.publish(), "success", 1);
    // fails once, then waits 20 s for its retry
    failing.awaitStatus(failing.publish(), "pending", 1);

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              String scrape = succeeding.api.get("/actuator/prometheus", null).body();
              assertThat(
                      value(
                          scrape,
                          "webhooks_delivery_attempts_total",
                          "outcome=\"success\"",
                          "status_class=\"2xx\""))
                  .isGreaterThanOrEqualTo(1);
              assertThat(
                      value(
                          scrape,
                          "webhooks_delivery_attempts_total",
                          "outcome=\"failure\"",
                          "status_class=\"5xx\""))
                  .isGreaterThanOrEqualTo(1);
              assertThat(scrape)
                  .contains("webhooks_delivery_attempt_duration_seconds_bucket{")
                  .contains("webhooks_delivery_attempt_duration_seconds_count{");
              assertThat(value(scrape, "webhooks_deliveries_pending")).isGreaterThanOrEqualTo(1);
              assertThat(value(scrape, "webhooks_deliveries_waiting_for_retry"))
                  .isGreaterThanOrEqualTo(1);
              // The Temporal SDK's own metrics, reported every 10 s: client requests and the
              // worker's task polls and executions.
              assertThat(scrape)
                  .contains("temporal_request")
                  .contains("temporal_workflow_completed")
                  .contains("temporal_activity_execution_latency");
            });
  }

  @Test
  void everyLogLineOfADeliveryIsJsonAndCarriesItsId(CapturedOutput output) {
    DeliveryDriver driver = new DeliveryDriver(app, receiver, 204);
    String deliveryId = driver.publish();
    driver.awaitStatus(deliveryId, "success", 1);
    driver.retry(deliveryId);
    driver.awaitStatus(deliveryId, "success", 2);

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              List<JsonNode> lines = jsonLines(output.getOut());
              List<JsonNode> ofDelivery =
                  lines.stream()
                      .filter(line -> deliveryId.equals(line.path("deliveryId").asString(null)))
                      .toList();
              List<String> messages =
                  ofDelivery.stream().map(line -> line.path("message").asString()).toList();
              // from the api (start, retry), the workflow, and the attempt activity
              assertThat(messages)
                  .anyMatch(m -> m.startsWith("workflow run started"))
                  .anyMatch(m -> m.startsWith("retry: success delivery reopened"))
                  .anyMatch(m -> m.startsWith("attempt 1 succeeded"))
                  .anyMatch(m -> m.startsWith("attempt 2 succeeded (manual)"));
              assertThat(ofDelivery).allMatch(line -> line.has("@timestamp") && line.has("log"));
              // and no line that speaks of the delivery lacks its id (workflow code's lines
              // carry it in Temporal's WorkflowId)
              assertThat(lines)
                  .filteredOn(line -> line.path("message").asString("").contains(deliveryId))
                  .allMatch(
                      line ->
                          deliveryId.equals(line.path("deliveryId").asString(null))
                              || ("delivery-" + deliveryId)
                                  .equals(line.path("WorkflowId").asString(null)));
            });
  }

  private static List<JsonNode> jsonLines(String out) {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : out.split("\\R")) {
      if (line.startsWith("{")) {
        lines.add(JSON.readTree(line));
      }
    }
    return lines;
  }

  /** The sum of the samples of a Prometheus metric whose labels include all the given ones. */
  private static double value(String scrape, String metric, String... labels) {
    double sum = 0;
    boolean found = false;
    Matcher matcher =
        Pattern.compile("(?m)^" + metric + "(\\{[^}]*})? ([0-9.eE+-]+)$").matcher(scrape);
    while (matcher.find()) {
      String labelSet = matcher.group(1) == null ? "" : matcher.group(1);
      boolean matches = true;
      for (String label : labels) {
        matches &= labelSet.contains(label);
      }
      if (matches) {
        sum += Double.parseDouble(matcher.group(2));
        found = true;
      }
    }
    assertThat(found).as("%s%s in the scrape", metric, List.of(labels)).isTrue();
    return sum;
  }
}
