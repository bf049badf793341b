package com.devcard.webhooks.store.portal;

import static org.assertj.core.api.Assertions.assertThat;

import com.devcard.webhooks.store.portal.CodeExchange.Exchanged;
import com.devcard.webhooks.store.portal.CodeExchange.Reason;
import com.devcard.webhooks.store.portal.CodeExchange.Refused;
import com.devcard.webhooks.store.testing.TestStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Portal sessions in the database: hashed, single-use codes, expiry and ending. */
class PortalSessionRepositoryTest {

  private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);
  private static final Duration HOUR = Duration.ofHours(1);

  private static TestStore store;
  private static PortalSessionRepository sessions;

  private final String user = "user-" + UUID.randomUUID();

  @BeforeAll
  static void database() {
    store = TestStore.fresh();
    sessions = new PortalSessionRepository(store.jdbc());
  }

  private static String random(String prefix) {
    return prefix + UUID.randomUUID() + UUID.randomUUID();
  }

  @Test
  void aCodeOpensItsSessionOnceAndTheTokenThenFindsIt() {
    String code = random("wpc_");
    String token = random("wps_");
    PortalSession created = sessions.create(user, true, code, FIVE_MINUTES, HOUR);

    CodeExchange first = sessions.exchange(code, token);
    CodeExchange again = sessions.exchange(code, random("wps_"));

    assertThat(first).isEqualTo(new Exchanged(created));
    assertThat(created.userId()).isEqualTo(user);
    assertThat(created.readOnly()).isTrue();
    assertThat(again).isEqualTo(new Refused(Reason.USED));
    assertThat(sessions.findOpen(token)).contains(created);
  }

  @Test
  void expiryTimesAreCountedFromCreationAndTheCodeNeverOutlivesTheSession() {
    Instant before = Instant.now();

    PortalSession created = sessions.create(user, false, random("wpc_"), FIVE_MINUTES, HOUR);
    PortalSession brief =
        sessions.create(user, false, random("wpc_"), FIVE_MINUTES, Duration.ofSeconds(60));

    assertThat(created.codeExpiresAt())
        .isBetween(
            before.plus(FIVE_MINUTES).minusSeconds(5), before.plus(FIVE_MINUTES).plusSeconds(5));
    assertThat(created.expiresAt())
        .isBetween(before.plus(HOUR).minusSeconds(5), before.plus(HOUR).plusSeconds(5));
    assertThat(brief.codeExpiresAt()).isEqualTo(brief.expiresAt());
  }

  @Test
  void onlyHashesAreStoredSoTheDatabaseHoldsNoUsableCodeOrToken() {
    String code = random("wpc_");
    String token = random("wps_");
    sessions.create(user, false, code, FIVE_MINUTES, HOUR);
    sessions.exchange(code, token);

    Map<String, Object> row =
        store
            .jdbc()
            .sql("select * from webhook_portal_sessions where user_id = :user")
            .param("user", user)
            .query()
            .singleRow();

    assertThat(row.get("code_hash")).isEqualTo(PortalSessionRepository.sha256(code));
    assertThat(row.get("token_hash")).isEqualTo(PortalSessionRepository.sha256(token));
    String dump = rowText(row);
    assertThat(dump).doesNotContain(code, token, hex(code), hex(token));
  }

  @Test
  void theHashIsSha256OfTheUtf8Text() {
    assertThat(HexFormat.of().formatHex(PortalSessionRepository.sha256("abc")))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void aCodeNotExchangedInTimeIsRefusedAsExpired() {
    String code = random("wpc_");
    sessions.create(user, false, code, Duration.ofMillis(1), HOUR);
    ageCodes(user, Duration.ofSeconds(1));

    assertThat(sessions.exchange(code, random("wps_"))).isEqualTo(new Refused(Reason.EXPIRED));
  }

  @Test
  void anUnknownCodeIsRefusedAsUnknown() {
    assertThat(sessions.exchange(random("wpc_"), random("wps_")))
        .isEqualTo(new Refused(Reason.UNKNOWN));
    assertThat(sessions.findOpen(random("wps_"))).isEmpty();
  }

  @Test
  void anExpiredSessionNoLongerOpens() {
    String code = random("wpc_");
    String token = random("wps_");
    sessions.create(user, false, code, FIVE_MINUTES, HOUR);
    sessions.exchange(code, token);

    store
        .jdbc()
        .sql(
            "update webhook_portal_sessions set expires_at = now() - interval '1 second',"
                + " code_expires_at = now() - interval '1 second' where user_id = :user")
        .param("user", user)
        .update();

    assertThat(sessions.findOpen(token)).isEmpty();
  }

  @Test
  void endingAUsersSessionsClosesTheOpenOnesAndTheirUnusedCodesAtOnceAndNoOtherUsers() {
    String openToken = random("wps_");
    String openCode = random("wpc_");
    sessions.create(user, false, openCode, FIVE_MINUTES, HOUR);
    sessions.exchange(openCode, openToken);
    String unusedCode = random("wpc_");
    sessions.create(user, false, unusedCode, FIVE_MINUTES, HOUR);
    String otherUser = "user-" + UUID.randomUUID();
    String otherToken = random("wps_");
    String otherCode = random("wpc_");
    sessions.create(otherUser, false, otherCode, FIVE_MINUTES, HOUR);
    sessions.exchange(otherCode, otherToken);

    int ended = sessions.endAll(user);

    assertThat(ended).isEqualTo(2);
    assertThat(sessions.findOpen(openToken)).isEmpty();
    assertThat(sessions.exchange(unusedCode, random("wps_"))).isEqualTo(new Refused(Reason.ENDED));
    assertThat(sessions.findOpen(otherToken)).isPresent();
    assertThat(sessions.endAll(user)).isZero();
  }

  @Test
  void concurrentExchangesOfOneCodeOpenOneSession() throws Exception {
    String code = random("wpc_");
    sessions.create(user, false, code, FIVE_MINUTES, HOUR);
    List<Callable<CodeExchange>> exchanges = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      exchanges.add(() -> sessions.exchange(code, random("wps_")));
    }

    List<CodeExchange> outcomes = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      for (Future<CodeExchange> outcome : pool.invokeAll(exchanges)) {
        outcomes.add(outcome.get());
      }
    } finally {
      pool.shutdown();
    }

    assertThat(outcomes).filteredOn(Exchanged.class::isInstance).hasSize(1);
    assertThat(outcomes)
        .filteredOn(Refused.class::isInstance)
        .containsOnly(new Refused(Reason.USED))
        .hasSize(7);
  }

  @Test
  void sessionsThatExpiredLongerAgoThanKeptArePurged() {
    String expiredLongAgo = random("wpc_");
    sessions.create(user, false, expiredLongAgo, FIVE_MINUTES, HOUR);
    store
        .jdbc()
        .sql(
            "update webhook_portal_sessions set expires_at = now() - interval '2 days',"
                + " code_expires_at = now() - interval '2 days' where user_id = :user")
        .param("user", user)
        .update();
    String recent = random("wpc_");
    sessions.create(user, false, recent, FIVE_MINUTES, HOUR);

    assertThat(sessions.deleteExpired(Duration.ofDays(1), 1_000)).isGreaterThanOrEqualTo(1);

    assertThat(sessions.exchange(expiredLongAgo, random("wps_")))
        .isEqualTo(new Refused(Reason.UNKNOWN));
    assertThat(sessions.exchange(recent, random("wps_"))).isInstanceOf(Exchanged.class);
  }

  @Test
  void aPurgeDeletesAtMostItsBatch() {
    for (int i = 0; i < 2; i++) {
      sessions.create(user, false, random("wpc_"), FIVE_MINUTES, HOUR);
    }
    store
        .jdbc()
        .sql(
            "update webhook_portal_sessions set expires_at = now() - interval '2 days',"
                + " code_expires_at = now() - interval '2 days' where user_id = :user")
        .param("user", user)
        .update();

    assertThat(sessions.deleteExpired(Duration.ofDays(1), 1)).isEqualTo(1);
    while (sessions.deleteExpired(Duration.ofDays(1), 100) == 100) {
      // the rest, in batches
    }

    assertThat(
            store
                .jdbc()
                .sql("select count(*) from webhook_portal_sessions where user_id = :user")
                .param("user", user)
                .query(Integer.class)
                .single())
        .isZero();
  }

  private static void ageCodes(String userId, Duration by) {
    store
        .jdbc()
        .sql(
            "update webhook_portal_sessions"
                + " set code_expires_at = now() - :ms * interval '1 millisecond'"
                + " where user_id = :user")
        .param("ms", by.toMillis())
        .param("user", userId)
        .update();
  }

  private static String hex(String value) {
    return HexFormat.of().formatHex(value.getBytes(StandardCharsets.UTF_8));
  }

  private static String rowText(Map<String, Object> row) {
    StringBuilder text = new StringBuilder();
    for (Object value : row.values()) {
      text.append(value instanceof byte[] bytes ? HexFormat.of().formatHex(bytes) : value)
          .append(' ')
          .append(
              value instanceof byte[] bytes ? new String(bytes, StandardCharsets.ISO_8859_1) : "")
          .append('\n');
    }
    return text.toString();
  }
}
