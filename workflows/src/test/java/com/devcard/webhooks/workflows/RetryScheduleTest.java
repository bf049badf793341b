package com.devcard.webhooks.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class RetryScheduleTest {

  @Test
  void theDefaultScheduleParsesToThreeDelays() {
    assertThat(RetrySchedule.parse("30s,5m,30m"))
        .containsExactly(Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofMinutes(30));
  }

  @Test
  void everyUnitIsUnderstoodWhateverTheCaseAndSpacing() {
    assertThat(RetrySchedule.parse(" 1500ms , 2S,3m, 4h ,5D"))
        .containsExactly(
            Duration.ofMillis(1500),
            Duration.ofSeconds(2),
            Duration.ofMinutes(3),
            Duration.ofHours(4),
            Duration.ofDays(5));
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "   "})
  void anEmptyScheduleMeansOneAttemptAndNoRetry(String text) {
    assertThat(RetrySchedule.parse(text)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"30", "30sec", "5 m", "1w", "-5s", "1.5s", "s", "30s;5m"})
  void aDelayWithoutAKnownUnitIsRejectedByName(String delay) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> RetrySchedule.parse("30s," + delay))
        .withMessageContaining("'" + delay.trim() + "'")
        .withMessageContaining("ms, s, m, h or d");
  }

  @ParameterizedTest
  @ValueSource(strings = {"30s,,5m", "30s,", ",30s"})
  void anEmptyPartIsRejected(String text) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> RetrySchedule.parse(text))
        .withMessageContaining("retry delay ''");
  }

  @Test
  void aDelayOverSevenDaysIsRejected() {
    assertThat(RetrySchedule.parse("7d,168h")).containsOnly(Duration.ofDays(7));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> RetrySchedule.parse("30s,169h"))
        .withMessage("retry delay '169h' is over 7 days");
  }

  @Test
  void aNumberTooLongToBeADelayIsRejected() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> RetrySchedule.parse("99999999999999999999s"))
        .withMessageContaining("is not a number followed by");
  }

  @Test
  void atMostTwentyRetriesAreAllowed() {
    assertThat(RetrySchedule.parse(String.join(",", Collections.nCopies(20, "1s")))).hasSize(20);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> RetrySchedule.parse(String.join(",", Collections.nCopies(21, "1s"))))
        .withMessage("at most 20 retry delays are allowed");
  }

  @Test
  void formatWritesEachDelayInItsLargestWholeUnit() {
    assertThat(
            RetrySchedule.format(
                List.of(
                    Duration.ofMillis(1500),
                    Duration.ofSeconds(30),
                    Duration.ofSeconds(90),
                    Duration.ofMinutes(5),
                    Duration.ofMinutes(120),
                    Duration.ofHours(48),
                    Duration.ZERO)))
        .isEqualTo("1500ms,30s,90s,5m,2h,2d,0s");
  }

  @Test
  void formatOfAnEmptyScheduleIsEmpty() {
    assertThat(RetrySchedule.format(List.of())).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"30s,5m,30m", "1500ms,90s,2h,7d", "0s", "1m,1h,1d"})
  void formattingAParsedScheduleGivesItBack(String text) {
    assertThat(RetrySchedule.format(RetrySchedule.parse(text))).isEqualTo(text);
  }
}
