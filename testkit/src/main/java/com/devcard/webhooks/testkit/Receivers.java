package com.devcard.webhooks.testkit;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

/** Webhook receivers for tests: real HTTP servers on free loopback ports. */
public final class Receivers {

  private Receivers() {}

  /**
   * A WireMock receiver started before the test class and stopped after it, for a static field with
   * {@code @RegisterExtension}. Stubs and received requests are kept across the class's tests,
   * which tell their requests apart by path or by delivery id.
   */
  public static WireMockExtension perClass() {
    return WireMockExtension.newInstance()
        .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
        .resetOnEachTest(false)
        .build();
  }
}
