package com.devcard.webhooks.workflows;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An in-memory {@link EndpointProbeActivities}: the endpoint is disabled for failing, with one held
 * delivery, until {@link #endpointEnabledElsewhere()} or a call of {@link #enable}.
 */
final class ScriptedProbeActivities implements EndpointProbeActivities {

  static final String HELD_DELIVERY = "d-held-oldest";

  private final AtomicBoolean disabled = new AtomicBoolean(true);
  private final List<String> targets = new CopyOnWriteArrayList<>();
  private final List<String> enables = new CopyOnWriteArrayList<>();

  /** Its owner enabled (or deleted) the endpoint meanwhile. */
  void endpointEnabledElsewhere() {
    disabled.set(false);
  }

  List<String> targets() {
    return List.copyOf(targets);
  }

  List<String> enables() {
    return List.copyOf(enables);
  }

  @Override
  public ProbeTarget target(ProbeStep step) {
    targets.add(step.endpointId());
    return disabled.get() ? new ProbeTarget(HELD_DELIVERY) : ProbeTarget.none();
  }

  @Override
  public boolean enable(ProbeStep step) {
    enables.add(step.endpointId());
    return disabled.getAndSet(false);
  }
}
