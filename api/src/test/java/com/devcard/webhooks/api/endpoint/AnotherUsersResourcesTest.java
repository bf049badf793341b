package com.devcard.webhooks.api.endpoint;

import static com.devcard.webhooks.api.ProblemBody.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.devcard.webhooks.api.ApiSliceTest;
import com.devcard.webhooks.api.TestData;
import com.devcard.webhooks.api.TestTokens;
import com.devcard.webhooks.delivery.RecoveryState;
import com.devcard.webhooks.store.endpoint.Endpoint;
import com.devcard.webhooks.store.endpoint.EndpointRepository;
import com.devcard.webhooks.store.recovery.NewRecovery;
import com.devcard.webhooks.store.recovery.RecoveryRepository;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * Another user's endpoint, delivery or recovery is answered exactly as one that does not exist, on
 * every route that names one, and is left as it was.
 */
@ApiSliceTest
class AnotherUsersResourcesTest {

  /** A route naming a resource; {@code {endpoint}}, {@code {delivery}}, {@code {recovery}}. */
  record Route(HttpMethod method, String path, String body) {

    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  static Stream<Route> routesNamingAResource() {
    String since = "{\"since\": \"2026-01-01T00:00:00Z\"}";
    return Stream.of(
        new Route(HttpMethod.GET, "/api/webhooks/{endpoint}", null),
        new Route(HttpMethod.PATCH, "/api/webhooks/{endpoint}", "{\"description\": \"mine\"}"),
        new Route(HttpMethod.DELETE, "/api/webhooks/{endpoint}", null),
        new Route(HttpMethod.POST, "/api/webhooks/{endpoint}/rotate-secret", null),
        new Route(HttpMethod.POST, "/api/webhooks/{endpoint}/test", null),
        new Route(HttpMethod.POST, "/api/webhooks/{endpoint}/recover", since),
        new Route(HttpMethod.GET, "/api/webhooks/{endpoint}/deliveries", null),
        new Route(HttpMethod.GET, "/api/webhooks/{endpoint}/deliveries/{delivery}", null),
        new Route(HttpMethod.POST, "/api/webhooks/{endpoint}/deliveries/{delivery}/retry", null),
        new Route(HttpMethod.GET, "/api/recoveries/{recovery}", null),
        new Route(HttpMethod.DELETE, "/api/recoveries/{recovery}", null));
  }

  @Autowired MockMvcTester mvc;
  @Autowired TestTokens tokens;
  @Autowired TestData data;
  @Autowired EndpointRepository endpoints;
  @Autowired RecoveryRepository recoveries;

  private final String owner = TestData.newUser();
  private final String intruder = TestData.newUser();

  private MvcTestResult asIntruder(
      Route route, String endpointId, String deliveryId, String recoveryId) {
    String path =
        route
            .path()
            .replace("{endpoint}", endpointId)
            .replace("{delivery}", deliveryId)
            .replace("{recovery}", recoveryId);
    var request =
        mvc.method(route.method())
            .uri(path)
            .header(HttpHeaders.AUTHORIZATION, tokens.bearer(intruder));
    if (route.body() != null) {
      request = request.contentType(MediaType.APPLICATION_JSON).content(route.body());
    }
    return request.exchange();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("routesNamingAResource")
  void anotherUsersResourceIsAnsweredAsOneThatDoesNotExist(Route route) {
    Endpoint endpoint = data.endpoint(owner, "card.viewed");
    String delivery = data.delivery(endpoint);
    data.fail(delivery);
    String recovery =
        recoveries.create(new NewRecovery(owner, owner, owner, endpoint.id(), null, 10)).id();

    MvcTestResult theirs = asIntruder(route, endpoint.id(), delivery, recovery);
    MvcTestResult missing = asIntruder(route, "ep_missing", "dlv_missing", "rcv_missing");

    // Compared without "instance", which is the path asked for.
    assertThat(assertProblem(theirs, HttpStatus.NOT_FOUND, "not-found"))
        .isEqualTo(assertProblem(missing, HttpStatus.NOT_FOUND, "not-found"));
    assertThat(endpoints.find(owner, endpoint.id())).contains(endpoint);
    assertThat(data.status(delivery)).isEqualTo("failed");
    assertThat(recoveries.find(recovery).orElseThrow().state()).isEqualTo(RecoveryState.RUNNING);
  }
}
