package com.devcard.webhooks.store.recovery;

import static com.devcard.webhooks.store.JdbcColumns.instant;

import com.devcard.webhooks.delivery.RecoveryState;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.springframework.jdbc.core.RowMapper;

/** Reads a {@link Recovery} from a row holding {@link #COLUMNS} of alias {@code r}. */
final class RecoveryRowMapper implements RowMapper<Recovery> {

  static final String COLUMNS =
      "r.id, r.owner_user_id, r.user_id, r.endpoint_id, r.since, r.rate, r.state, r.total,"
          + " r.done, r.succeeded, r.failed, r.created_at, r.updated_at, r.kind";

  static final RecoveryRowMapper INSTANCE = new RecoveryRowMapper();

  private RecoveryRowMapper() {}

  @Override
  public Recovery mapRow(ResultSet rs, int rowNum) throws SQLException {
    return new Recovery(
        rs.getString("id"),
        rs.getString("owner_user_id"),
        rs.getString("user_id"),
        rs.getString("endpoint_id"),
        instant(rs, "since"),
        rs.getInt("rate"),
        RecoveryState.fromWireValue(rs.getString("state")),
        rs.getInt("total"),
        rs.getInt("done"),
        rs.getInt("succeeded"),
        rs.getInt("failed"),
        instant(rs, "created_at"),
        instant(rs, "updated_at"),
        "release".equals(rs.getString("kind")));
  }
}
