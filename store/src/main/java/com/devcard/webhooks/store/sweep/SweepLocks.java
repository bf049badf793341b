package com.devcard.webhooks.store.sweep;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.jdbc.support.SQLExceptionSubclassTranslator;
import org.springframework.jdbc.support.SQLExceptionTranslator;
import org.springframework.stereotype.Repository;

/**
 * Lets one process at a time run each periodic sweep, however many api processes share the
 * database: a process that finds the sweep running elsewhere skips that round.
 *
 * <p>The lock is PostgreSQL's transaction-scoped advisory lock, taken on a connection of its own
 * that holds an open transaction for as long as the sweep runs. The sweep's own reads and writes go
 * through other connections, each committing as it goes, as they would without the lock. Ending
 * that one transaction releases the lock; so does the connection dying, and a pool never gets a
 * connection back still holding it (a session-level lock would stay with a pooled connection if its
 * unlock were missed).
 */
@Repository
public class SweepLocks {

  /**
   * The first of the two lock keys, shared by every sweep; the second is the sweep's own. Locks on
   * two 32-bit keys never collide with locks on one 64-bit key, such as the per-user lock on
   * endpoint creation.
   */
  private static final int SWEEPS = 0x5357_4550; // "SWEP"

  private static final SQLExceptionTranslator TRANSLATOR = new SQLExceptionSubclassTranslator();

  private final DataSource dataSource;

  public SweepLocks(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Runs {@code work} while holding the sweep's lock, unless another process (or thread) holds it
   * now. Returns whether it ran. An exception from {@code work} is passed on, the lock released.
   */
  public boolean runAlone(Sweep sweep, Runnable work) {
    try (HeldTransaction held = HeldTransaction.begin(dataSource)) {
      if (!held.tryLock(sweep)) {
        return false;
      }
      work.run();
      return true;
    } catch (SQLException failure) {
      String task = "sweep lock " + sweep.label();
      DataAccessException translated = TRANSLATOR.translate(task, null, failure);
      throw translated != null ? translated : new UncategorizedSQLException(task, null, failure);
    }
  }

  /** A connection with an open transaction; closing it rolls back, which releases the lock. */
  private record HeldTransaction(Connection connection) implements AutoCloseable {

    static HeldTransaction begin(DataSource dataSource) throws SQLException {
      Connection connection = dataSource.getConnection();
      try {
        connection.setAutoCommit(false);
      } catch (SQLException failure) {
        connection.close();
        throw failure;
      }
      return new HeldTransaction(connection);
    }

    boolean tryLock(Sweep sweep) {
      return JdbcClient.create(new SingleConnectionDataSource(connection, true))
          .sql("select pg_try_advisory_xact_lock(:sweeps, :sweep)")
          .param("sweeps", SWEEPS)
          .param("sweep", sweep.lockKey())
          .query(Boolean.class)
          .single();
    }

    @Override
    public void close() throws SQLException {
      try {
        connection.rollback();
      } finally {
        connection.close();
      }
    }
  }
}
