package com.devcard.webhooks.api;

import com.devcard.webhooks.store.endpoint.Endpoint;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What the {@link ApiSliceTest}s of the routes under one endpoint start from: for every test a new
 * user, owning one active endpoint subscribed to {@code card.viewed}.
 */
public abstract class OneEndpointSliceTest {

  @Autowired protected ApiCalls api;
  @Autowired protected TestData data;

  protected final String user = TestData.newUser();
  protected Endpoint endpoint;

  @BeforeEach
  void anEndpoint() {
    endpoint = data.endpoint(user, "card.viewed");
  }
}
