package com.devcard.webhooks.api.sweep;

import com.devcard.webhooks.store.sweep.SweepLocks;
import io.micrometer.observation.ObservationRegistry;
import javax.sql.DataSource;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/** The sweeps' lock on a test database, without observations, for a sweep's own tests. */
public final class TestSweeps {

  private TestSweeps() {}

  public static Sweeps on(DataSource dataSource) {
    return new Sweeps(
        new SweepLocks(dataSource),
        new StaticListableBeanFactory().getBeanProvider(ObservationRegistry.class));
  }
}
