package com.devcard.webhooks.store.endpoint;

import static com.devcard.webhooks.store.JdbcColumns.instant;
import static com.devcard.webhooks.store.JdbcColumns.nullableInt;
import static com.devcard.webhooks.store.JdbcColumns.textList;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.springframework.jdbc.core.RowMapper;

/** Reads an {@link Endpoint} from a row holding {@link #COLUMNS}. */
final class EndpointRowMapper implements RowMapper<Endpoint> {

  static final String COLUMNS =
      "id, user_id, url, events, description, is_active, created_at, updated_at,"
          + " disabled_reason, disabled_at, rate_limit";

  static final EndpointRowMapper INSTANCE = new EndpointRowMapper();

  private EndpointRowMapper() {}

  @Override
  public Endpoint mapRow(ResultSet rs, int rowNum) throws SQLException {
    return new Endpoint(
        rs.getString("id"),
        rs.getString("user_id"),
        rs.getString("url"),
        textList(rs, "events"),
        rs.getString("description"),
        rs.getBoolean("is_active"),
        instant(rs, "created_at"),
        instant(rs, "updated_at"),
        rs.getString("disabled_reason"),
        instant(rs, "disabled_at"),
        nullableInt(rs, "rate_limit"));
  }
}
