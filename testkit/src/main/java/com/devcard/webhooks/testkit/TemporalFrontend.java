package com.devcard.webhooks.testkit;

/** A Temporal test server a stack reaches by address, wherever it runs. */
interface TemporalFrontend extends AutoCloseable {

  /** {@code host:port} of its gRPC frontend. */
  String address();

  @Override
  void close();
}
