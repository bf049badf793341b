package com.devcard.webhooks.app;

/**
 * A webhook endpoint registered through the API: its id, the secret its creation revealed, the path
 * on the test's receiver it delivers to, and the answer to its creation (the only one that shows
 * the secret).
 */
public record TestEndpoint(String id, String secret, String receiverPath, String createdBody) {

  /** A route under the endpoint, {@code /api/webhooks/{id}} followed by the suffix. */
  public String path(String suffix) {
    return "/api/webhooks/" + id + suffix;
  }

  /** The route of one of its deliveries. */
  public String deliveryPath(String deliveryId) {
    return path("/deliveries/" + deliveryId);
  }
}
