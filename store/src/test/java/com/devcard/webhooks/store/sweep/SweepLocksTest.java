package com.devcard.webhooks.store.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.devcard.webhooks.store.testing.EmbeddedDatabase;
import com.devcard.webhooks.testkit.PostgresServer;
import com.zaxxer.hikari.HikariDataSource;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two lock holders with pools of their own on one database, as two api processes would be: a sweep
 * runs in one of them at a time, and the lock never outlives the sweep.
 */
class SweepLocksTest {

  private static DataSource database;
  private static HikariDataSource otherProcessPool;
  private static SweepLocks thisProcess;
  private static SweepLocks otherProcess;

  @BeforeAll
  static void twoPoolsOnOneDatabase() {
    database = EmbeddedDatabase.freshDataSource();
    otherProcessPool = new HikariDataSource();
    otherProcessPool.setJdbcUrl(((HikariDataSource) database).getJdbcUrl());
    otherProcessPool.setUsername(PostgresServer.USER);
    otherProcessPool.setMaximumPoolSize(2);
    thisProcess = new SweepLocks(database);
    otherProcess = new SweepLocks(otherProcessPool);
  }

  @AfterAll
  static void closePool() {
    otherProcessPool.close();
  }

  @Test
  void aSweepRunningInOneProcessIsSkippedInTheOtherAndRunsThereOnceItEnds() throws Exception {
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    CompletableFuture<Boolean> first =
        CompletableFuture.supplyAsync(
            () ->
                thisProcess.runAlone(
                    Sweep.PENDING_DELIVERIES,
                    () -> {
                      running.countDown();
                      await(finish);
                    }));
    assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();

    AtomicBoolean ranElsewhere = new AtomicBoolean();
    boolean skipped =
        !otherProcess.runAlone(Sweep.PENDING_DELIVERIES, () -> ranElsewhere.set(true));
    boolean otherSweepRan = otherProcess.runAlone(Sweep.UNSTARTED_DELIVERIES, () -> {});
    finish.countDown();

    assertThat(skipped).isTrue();
    assertThat(ranElsewhere).isFalse();
    assertThat(otherSweepRan).as("another kind of sweep is not held up").isTrue();
    assertThat(first.get(10, TimeUnit.SECONDS)).isTrue();
    assertThat(otherProcess.runAlone(Sweep.PENDING_DELIVERIES, () -> ranElsewhere.set(true)))
        .isTrue();
    assertThat(ranElsewhere).isTrue();
    assertThat(advisoryLocksHeld()).isZero();
  }

  @Test
  void theSameProcessDoesNotRunOneSweepTwiceAtOnce() throws Exception {
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    CompletableFuture<Boolean> first =
        CompletableFuture.supplyAsync(
            () ->
                thisProcess.runAlone(
                    Sweep.RUNNING_RECOVERIES,
                    () -> {
                      running.countDown();
                      await(finish);
                    }));
    assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();

    boolean second = thisProcess.runAlone(Sweep.RUNNING_RECOVERIES, () -> {});
    finish.countDown();

    assertThat(second).isFalse();
    assertThat(first.get(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void aSweepThatFailsPassesItsExceptionOnAndReleasesTheLock() {
    IllegalStateException failure = new IllegalStateException("sweep failed");

    assertThatThrownBy(
            () ->
                thisProcess.runAlone(
                    Sweep.EXPIRED_SECRETS,
                    () -> {
                      throw failure;
                    }))
        .isSameAs(failure);

    assertThat(advisoryLocksHeld()).isZero();
    assertThat(otherProcess.runAlone(Sweep.EXPIRED_SECRETS, () -> {})).isTrue();
  }

  @Test
  void theSweepsWorkIsNotPartOfTheLocksTransaction() {
    JdbcClient jdbc = JdbcClient.create(database);
    jdbc.sql("create table if not exists sweep_probe (n int)").update();

    thisProcess.runAlone(
        Sweep.UNSTARTED_DELIVERIES,
        () -> jdbc.sql("insert into sweep_probe (n) values (1)").update());

    // Ending the lock's transaction rolled nothing back: the write was committed on its own.
    assertThat(jdbc.sql("select count(*) from sweep_probe").query(Long.class).single()).isOne();
  }

  @Test
  void everySweepHasItsOwnLockKeyAndLabel() {
    assertThat(Arrays.stream(Sweep.values()).map(Sweep::lockKey).distinct())
        .hasSize(Sweep.values().length);
    assertThat(Sweep.PENDING_DELIVERIES.label()).isEqualTo("pending-deliveries");
  }

  private static long advisoryLocksHeld() {
    return JdbcClient.create(database)
        .sql(
            "select count(*) from pg_locks where locktype = 'advisory' and objsubid = 2"
                + " and database = (select oid from pg_database where datname = current_database())")
        .query(Long.class)
        .single();
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the test never let the sweep finish");
      }
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(interrupted);
    }
  }
}
