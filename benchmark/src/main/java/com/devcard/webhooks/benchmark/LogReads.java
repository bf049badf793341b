package com.devcard.webhooks.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import tools.jackson.databind.JsonNode;

/**
 * Figure 7: {@code GET /api/webhooks/{id}/deliveries} with a million delivery rows in the table,
 * bulk-loaded by SQL over 100 endpoints of 20 users. A mix of first pages, pages further down by
 * cursor, and pages filtered by status, one request at a time.
 */
final class LogReads {

  private static final String USERS = "log-";
  private static final int USER_COUNT = 20;
  private static final int ENDPOINTS_PER_USER = 5;

  private record Endpoint(String id, String token) {}

  private final BenchmarkStack stack;
  private final List<Endpoint> endpoints = new ArrayList<>();
  private final List<String[]> cursors = new ArrayList<>();
  private final Random random = new Random(42);

  LogReads(BenchmarkStack stack) {
    this.stack = stack;
    for (int u = 0; u < USER_COUNT; u++) {
      String token = stack.tokens.user(USERS + u);
      for (int e = 0; e < ENDPOINTS_PER_USER; e++) {
        endpoints.add(
            new Endpoint(stack.api.createEndpoint(token, stack.receiver.url("/ok/log")), token));
      }
    }
  }

  /** Loads the rows: 5% failed, 2% cancelled, the rest succeeded, one every 100 ms back in time. */
  void load(int deliveries) {
    int endpointCount = endpoints.size();
    int events = deliveries / 10;
    stack.database.execute(
        "create table benchmark_endpoints as select id, user_id,"
            + " (row_number() over (order by id) - 1)::int as n"
            + " from webhook_endpoints where user_id like '"
            + USERS
            + "%'");
    stack.database.execute(
        "insert into webhook_events (id, user_id, event_type, payload, created_at)"
            + " select 'evt_bench_' || g, e.user_id, 'card.viewed',"
            + " '{\"id\":\"evt_bench_' || g || '\",\"type\":\"card.viewed\",\"data\":{}}',"
            + " now() - g * interval '1 second'"
            + " from generate_series(0, "
            + (events - 1)
            + ") g join benchmark_endpoints e on e.n = g % "
            + endpointCount);
    stack.database.execute(
        "insert into webhook_deliveries (id, endpoint_id, user_id, event_id, event_type, status,"
            + " attempts, response_code, retry_delays_ms, workflow_started, created_at,"
            + " updated_at)"
            + " select 'dlv_bench_' || lpad(g::text, 9, '0'), e.id, e.user_id,"
            + " 'evt_bench_' || (g % "
            + events
            + "), 'card.viewed',"
            // Row g goes to endpoint g % 100: its status follows g / 100, so every endpoint has
            // the same mix.
            + " case when (g / 100) % 20 = 7 then 'failed' when (g / 100) % 50 = 3 then 'cancelled'"
            + " else 'success' end,"
            + " case when (g / 100) % 20 = 7 then 4 else 1 end, 204, '{1800000,3600000,7200000}',"
            + " true,"
            + " now() - g * interval '100 milliseconds', now()"
            + " from generate_series(0, "
            + (deliveries - 1)
            + ") g join benchmark_endpoints e on e.n = g % "
            + endpointCount);
    stack.database.execute("drop table benchmark_endpoints");
    stack.database.execute("analyze webhook_events");
    stack.database.execute("analyze webhook_deliveries");
  }

  /** Walks some endpoints' logs with pages of 100 to collect cursors at various depths. */
  void collectCursors() {
    for (int e = 0; e < 20; e++) {
      Endpoint endpoint = endpoints.get(random.nextInt(endpoints.size()));
      String cursor = null;
      for (int page = 0; page < 10; page++) {
        String path =
            "/api/webhooks/"
                + endpoint.id()
                + "/deliveries?limit=100"
                + (cursor == null ? "" : "&cursor=" + cursor);
        JsonNode next = stack.api.get(path, endpoint.token()).json().get("nextCursor");
        if (next.isNull()) {
          break;
        }
        cursor = next.asString();
        cursors.add(new String[] {endpoint.id(), endpoint.token(), cursor});
      }
    }
  }

  /** The p99 in milliseconds of {@code requests} page reads. */
  double p99(int requests) {
    List<Double> millis = new ArrayList<>();
    for (int i = 0; i < requests; i++) {
      String path;
      String token;
      int kind = i % 10;
      if (kind < 5) {
        Endpoint endpoint = endpoints.get(random.nextInt(endpoints.size()));
        path = "/api/webhooks/" + endpoint.id() + "/deliveries";
        token = endpoint.token();
      } else if (kind < 8) {
        String[] cursor = cursors.get(random.nextInt(cursors.size()));
        path = "/api/webhooks/" + cursor[0] + "/deliveries?cursor=" + cursor[2];
        token = cursor[1];
      } else {
        Endpoint endpoint = endpoints.get(random.nextInt(endpoints.size()));
        path = "/api/webhooks/" + endpoint.id() + "/deliveries?status=failed";
        token = endpoint.token();
      }
      long started = System.nanoTime();
      Api.Response response = stack.api.get(path, token);
      millis.add((System.nanoTime() - started) / 1e6);
      if (response.status() != 200 || response.json().get("items").isEmpty()) {
        throw new IllegalStateException("unexpected page: " + response.status() + " " + path);
      }
    }
    return Stats.percentile(millis, 99);
  }
}
