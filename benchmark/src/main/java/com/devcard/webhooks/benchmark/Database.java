package com.devcard.webhooks.benchmark;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.ds.PGSimpleDataSource;

/** Direct SQL against the app's PostgreSQL: counting what it recorded, bulk-loading history. */
final class Database {

  private final PGSimpleDataSource dataSource = new PGSimpleDataSource();

  Database(String jdbcUrl) {
    dataSource.setUrl(jdbcUrl);
    dataSource.setUser("postgres");
  }

  /** The single number a query returns; parameters are bound as strings. */
  long count(String sql, String... parameters) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setString(i + 1, parameters[i]);
      }
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    } catch (SQLException exception) {
      throw new IllegalStateException(exception);
    }
  }

  /** Each row of a query as its columns joined by spaces, for diagnostics. */
  List<String> rows(String sql, String... parameters) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setString(i + 1, parameters[i]);
      }
      List<String> rows = new ArrayList<>();
      try (ResultSet result = statement.executeQuery()) {
        int columns = result.getMetaData().getColumnCount();
        while (result.next()) {
          StringBuilder row = new StringBuilder();
          for (int c = 1; c <= columns; c++) {
            row.append(c > 1 ? " " : "").append(result.getString(c));
          }
          rows.add(row.toString());
        }
      }
      return rows;
    } catch (SQLException exception) {
      throw new IllegalStateException(exception);
    }
  }

  /** The statements in one transaction: what they write is seen all at once, at the commit. */
  void executeInTransaction(String... statements) {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try (Statement statement = connection.createStatement()) {
        for (String sql : statements) {
          statement.execute(sql);
        }
        connection.commit();
      } catch (SQLException failure) {
        connection.rollback();
        throw failure;
      }
    } catch (SQLException exception) {
      throw new IllegalStateException(exception);
    }
  }

  void execute(String sql) {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException exception) {
      throw new IllegalStateException(exception);
    }
  }
}
