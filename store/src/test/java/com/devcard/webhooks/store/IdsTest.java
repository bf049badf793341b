package com.devcard.webhooks.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IdsTest {

  @Test
  void newIdIsThePrefixAndTwentySixCrockfordCharacters() {
    assertThat(Ids.newId("dlv")).matches("dlv_[0-9A-HJKMNP-TV-Z]{26}");
  }

  @Test
  void idsOfLaterMillisecondsSortAfterEarlierOnes() {
    long start = 1_780_000_000_000L;
    String earlier = Ids.ulid(start);
    String later = Ids.ulid(start + 1);
    String muchLater = Ids.ulid(start + 86_400_000L);

    assertThat(earlier).isLessThan(later);
    assertThat(later).isLessThan(muchLater);
  }

  @Test
  void idsMadeInALaterMillisecondSortByCreationTime() {
    String first = Ids.newId("ep");
    String second =
        await()
            .atMost(Duration.ofSeconds(1))
            .pollInterval(Duration.ofMillis(1))
            .until(() -> Ids.newId("ep"), id -> !timePart(id).equals(timePart(first)));

    assertThat(first).isLessThan(second);
  }

  @Test
  void timePartEncodesTheMilliseconds() {
    assertThat(Ids.ulid(0)).startsWith("0000000000");
    assertThat(Ids.ulid(1)).startsWith("0000000001");
    assertThat(Ids.ulid(32)).startsWith("0000000010");
    // The largest 48-bit time starts with 7, as in the ULID specification.
    assertThat(Ids.ulid((1L << 48) - 1)).startsWith("7ZZZZZZZZZ");
  }

  @Test
  void idsMadeInTheSameMillisecondDifferByTheirRandomPart() {
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      ids.add(Ids.ulid(42));
    }
    assertThat(ids).hasSize(10_000);
  }

  /** The ten characters after the prefix that encode the millisecond. */
  private static String timePart(String id) {
    return id.substring(id.indexOf('_') + 1, id.indexOf('_') + 11);
  }
}
