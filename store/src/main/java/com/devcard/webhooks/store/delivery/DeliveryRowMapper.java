package com.devcard.webhooks.store.delivery;

import static com.devcard.webhooks.store.JdbcColumns.instant;
import static com.devcard.webhooks.store.JdbcColumns.nullableInt;

import com.devcard.webhooks.delivery.DeliveryStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.springframework.jdbc.core.RowMapper;

/** Reads a {@link Delivery} from a row holding {@link #COLUMNS} of alias {@code d}. */
final class DeliveryRowMapper implements RowMapper<Delivery> {

  static final String COLUMNS =
      "d.id, d.endpoint_id, d.user_id, d.event_id, d.event_type, d.status, d.attempts,"
          + " d.response_code, d.next_retry_at, d.created_at, d.updated_at";

  static final DeliveryRowMapper INSTANCE = new DeliveryRowMapper();

  private DeliveryRowMapper() {}

  @Override
  public Delivery mapRow(ResultSet rs, int rowNum) throws SQLException {
    return new Delivery(
        rs.getString("id"),
        rs.getString("endpoint_id"),
        rs.getString("user_id"),
        rs.getString("event_id"),
        rs.getString("event_type"),
        DeliveryStatus.fromWireValue(rs.getString("status")),
        rs.getInt("attempts"),
        nullableInt(rs, "response_code"),
        instant(rs, "next_retry_at"),
        instant(rs, "created_at"),
        instant(rs, "updated_at"));
  }
}
