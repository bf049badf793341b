package com.devcard.webhooks.worker.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RetryAfterTest {

  /** Sun, 06 Nov 1994 08:49:37 GMT, the example date of RFC 9110. */
  private static final Instant NOW = Instant.parse("1994-11-06T08:49:37Z");

  @ParameterizedTest(name = "\"{0}\" asks for {1} s")
  @CsvSource(
      delimiter = '|',
      value = {
        "120                           | 120",
        "0                             | 0",
        "  30                          | 30",
        "999999                        | 999999",
        "Sun, 06 Nov 1994 08:51:37 GMT | 120",
        "Sun, 06 Nov 1994 08:49:37 GMT | 0",
        "Sat, 05 Nov 1994 08:49:37 GMT | 0",
        "Sunday, 06-Nov-94 08:50:37 GMT | 60",
        "Sun Nov  6 08:52:37 1994      | 180",
        "sun, 06 nov 1994 08:49:47 gmt | 10",
      })
  void honouredValues(String header, long seconds) {
    Optional<Duration> wait = RetryAfter.parse(header, NOW);

    assertThat(wait).contains(Duration.ofSeconds(seconds));
  }

  @ParameterizedTest(name = "\"{0}\" is ignored")
  @ValueSource(
      strings = {
        "-5",
        "+5",
        "1.5",
        "5s",
        "soon",
        "120, 60",
        "0x10",
        "31622401",
        "99999999999999999999999999",
        "0000000000000000000000000007",
        "Sun, 06 Nov 2094 08:49:37 GMT",
        "Sun, 32 Nov 1994 08:49:37 GMT",
        "2026-11-28T10:15:30Z",
      })
  void malformedNegativeOrAbsurdValuesAreIgnored(String header) {
    assertThat(RetryAfter.parse(header, NOW)).isEmpty();
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"   "})
  void noValueAsksForNothing(String header) {
    assertThat(RetryAfter.parse(header, NOW)).isEmpty();
  }

  @Test
  void aYearIsStillAWaitAskedFor() {
    assertThat(RetryAfter.parse("31622400", NOW)).contains(Duration.ofDays(366));
  }
}
