package com.devcard.webhooks.store.portal;

import static com.devcard.webhooks.store.JdbcColumns.instant;

import com.devcard.webhooks.store.Ids;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Sessions of the users' web page. Codes and session tokens are taken in clear and stored only as
 * their SHA-256: a copy of the database holds nothing that opens a session (both are random enough,
 * at least 32 bytes, that an unsalted fast hash cannot be reversed). Every time is the database's,
 * so that api replicas agree on expiry.
 */
@Repository
public class PortalSessionRepository {

  private static final String COLUMNS = "id, user_id, read_only, code_expires_at, expires_at";

  private final JdbcClient jdbc;

  public PortalSessionRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * A new session of {@code userId} that ends {@code ttl} from now, whose {@code code} can be
   * exchanged once within {@code codeTtl} (or {@code ttl}, if shorter).
   */
  public PortalSession create(
      String userId, boolean readOnly, String code, Duration codeTtl, Duration ttl) {
    Duration codeLife = codeTtl.compareTo(ttl) < 0 ? codeTtl : ttl;
    return jdbc.sql(
            "insert into webhook_portal_sessions (id, user_id, read_only, code_hash,"
                + " code_expires_at, expires_at, created_at)"
                + " values (:id, :userId, :readOnly, :codeHash,"
                + " statement_timestamp() + :codeMs * interval '1 millisecond',"
                + " statement_timestamp() + :ttlMs * interval '1 millisecond',"
                + " statement_timestamp())"
                + " returning "
                + COLUMNS)
        .param("id", Ids.newId("pss"))
        .param("userId", userId)
        .param("readOnly", readOnly)
        .param("codeHash", sha256(code))
        .param("codeMs", codeLife.toMillis())
        .param("ttlMs", ttl.toMillis())
        .query(PortalSessionRepository::session)
        .single();
  }

  /**
   * Exchanges a code for {@code token}, once: the first exchange of a code that has not expired,
   * and whose user's sessions were not ended since, makes {@code token} open the session.
   */
  public CodeExchange exchange(String code, String token) {
    byte[] codeHash = sha256(code);
    Optional<PortalSession> exchanged =
        jdbc.sql(
                "update webhook_portal_sessions"
                    + " set token_hash = :tokenHash, exchanged_at = statement_timestamp()"
                    + " where code_hash = :codeHash and exchanged_at is null and ended_at is null"
                    + " and code_expires_at > statement_timestamp()"
                    + " returning "
                    + COLUMNS)
            .param("tokenHash", sha256(token))
            .param("codeHash", codeHash)
            .query(PortalSessionRepository::session)
            .optional();
    if (exchanged.isPresent()) {
      return new CodeExchange.Exchanged(exchanged.get());
    }
    return new CodeExchange.Refused(
        jdbc.sql(
                "select case when exchanged_at is not null then 'USED'"
                    + " when ended_at is not null then 'ENDED' else 'EXPIRED' end"
                    + " from webhook_portal_sessions where code_hash = :codeHash")
            .param("codeHash", codeHash)
            .query(String.class)
            .optional()
            .map(CodeExchange.Reason::valueOf)
            .orElse(CodeExchange.Reason.UNKNOWN));
  }

  /** The open session {@code token} belongs to: exchanged, neither expired nor ended. */
  public Optional<PortalSession> findOpen(String token) {
    return jdbc.sql(
            "select "
                + COLUMNS
                + " from webhook_portal_sessions where token_hash = :tokenHash"
                + " and ended_at is null and expires_at > statement_timestamp()")
        .param("tokenHash", sha256(token))
        .query(PortalSessionRepository::session)
        .optional();
  }

  /**
   * Ends every session of {@code userId} at once, and the codes not yet exchanged with them.
   *
   * @return how many sessions were still open
   */
  public int endAll(String userId) {
    return jdbc.sql(
            "update webhook_portal_sessions set ended_at = statement_timestamp()"
                + " where user_id = :userId and ended_at is null"
                + " and expires_at > statement_timestamp()")
        .param("userId", userId)
        .update();
  }

  /**
   * Deletes at most {@code limit} of the sessions that expired more than {@code keep} ago, oldest
   * first. Until then a late use of their code is told that it expired rather than that it is
   * unknown.
   *
   * @return how many were deleted: fewer than {@code limit} when none is left
   */
  public int deleteExpired(Duration keep, int limit) {
    return jdbc.sql(
            "delete from webhook_portal_sessions where id in (select id from"
                + " webhook_portal_sessions where expires_at < statement_timestamp()"
                + " - :keepMs * interval '1 millisecond' order by expires_at limit :limit)")
        .param("keepMs", keep.toMillis())
        .param("limit", limit)
        .update();
  }

  static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException impossible) {
      // Every Java platform is required to provide SHA-256.
      throw new IllegalStateException(impossible);
    }
  }

  private static PortalSession session(ResultSet rs, int row) throws SQLException {
    return new PortalSession(
        rs.getString("id"),
        rs.getString("user_id"),
        rs.getBoolean("read_only"),
        instant(rs, "code_expires_at"),
        instant(rs, "expires_at"));
  }
}
