package com.devcard.webhooks.api.error;

import java.sql.SQLException;
import org.springframework.dao.NonTransientDataAccessResourceException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.dao.UncategorizedDataAccessException;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.TransactionUsageException;

/**
 * What a database failure while handling a request means for the client: only an outage is worth a
 * retry (503); a value PostgreSQL refused is the request's fault (400); anything else is a fault of
 * the service (500).
 */
enum DatabaseFailure {

  /**
   * SQLSTATE class 22, "data exception": a time out of range, NUL in text, and the like. Input that
   * got past the checks at the edge; those checks should catch it first.
   */
  REFUSED_VALUE,

  /**
   * The database cannot be reached, is shutting down or is overloaded, or a transaction could not
   * begin or end: the same request may well succeed shortly.
   */
  OUTAGE,

  /** Bad SQL, a broken constraint, a misused transaction: retrying cannot help. */
  SERVICE_FAULT;

  private static final String DATA_EXCEPTION_CLASS = "22";

  static DatabaseFailure of(Exception failure) {
    String sqlState = sqlState(failure);
    if (sqlState != null && sqlState.startsWith(DATA_EXCEPTION_CLASS)) {
      return REFUSED_VALUE;
    }
    if (failure instanceof TransactionException
        && !(failure instanceof TransactionUsageException)) {
      return OUTAGE;
    }
    // Resource failures include "cannot get a connection"; what no translator could classify
    // (UncategorizedSQLException) is treated as an outage too, as it always was.
    if (failure instanceof TransientDataAccessException
        || failure instanceof RecoverableDataAccessException
        || failure instanceof NonTransientDataAccessResourceException
        || failure instanceof UncategorizedDataAccessException) {
      return OUTAGE;
    }
    return SERVICE_FAULT;
  }

  /** The SQLSTATE of the first SQL exception in the chain that has one; null when none has. */
  static String sqlState(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLException sql && sql.getSQLState() != null) {
        return sql.getSQLState();
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return null;
  }
}
