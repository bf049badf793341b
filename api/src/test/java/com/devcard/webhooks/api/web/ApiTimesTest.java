package com.devcard.webhooks.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

/** Every time the API writes is ISO-8601 UTC with exactly three fraction digits. */
class ApiTimesTest {

  @Test
  void aTimeIsWrittenInUtcWithMilliseconds() {
    assertThat(ApiTimes.format(Instant.parse("2026-11-28T10:15:30.123Z")))
        .isEqualTo("2026-11-28T10:15:30.123Z");
  }

  @Test
  void aWholeSecondStillHasThreeFractionDigits() {
    assertThat(ApiTimes.format(Instant.parse("2026-11-28T10:15:30Z")))
        .isEqualTo("2026-11-28T10:15:30.000Z");
  }

  @Test
  void finerPrecisionIsCutNotRounded() {
    assertThat(ApiTimes.format(Instant.parse("2026-11-28T23:59:59.999999Z")))
        .isEqualTo("2026-11-28T23:59:59.999Z");
  }

  @Test
  void aTimeFromAnotherZoneIsWrittenAsTheSameInstantInUtc() {
    Instant inParis = OffsetDateTime.parse("2026-11-28T11:15:30.5+01:00").toInstant();

    assertThat(ApiTimes.format(inParis)).isEqualTo("2026-11-28T10:15:30.500Z");
  }

  @Test
  void whatTheApiWritesReadsBackAsTheSameInstant() {
    Instant time = Instant.parse("2026-02-03T04:05:06.789Z");

    assertThat(Instant.parse(ApiTimes.format(time))).isEqualTo(time);
  }

  @Test
  void noTimeStaysNull() {
    assertThat(ApiTimes.format(null)).isNull();
  }
}
