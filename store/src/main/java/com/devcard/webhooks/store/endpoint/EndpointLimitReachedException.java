package com.devcard.webhooks.store.endpoint;

/** The user already has as many endpoints as allowed. */
public class EndpointLimitReachedException extends RuntimeException {

  private final int maxEndpointsPerUser;

  public EndpointLimitReachedException(int maxEndpointsPerUser) {
    super("at most " + maxEndpointsPerUser + " endpoints per user");
    this.maxEndpointsPerUser = maxEndpointsPerUser;
  }

  public int maxEndpointsPerUser() {
    return maxEndpointsPerUser;
  }
}
