package com.devcard.webhooks.workflows;

import com.devcard.webhooks.delivery.DeliveryStatus;
import io.temporal.activity.Activity;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An in-memory {@link DeliveryActivities} for workflow tests: answers each call from a script and
 * records when it ran on the test server's clock. Like the real activity, it alone knows the
 * endpoint's secret and the payload, and signs with them.
 */
final class ScriptedDeliveryActivities implements DeliveryActivities {

  /** How one call answers. */
  enum Answer {
    /** The receiver answered 2xx. */
    SUCCEED,
    /** The receiver answered 503. */
    FAIL,
    /** The endpoint was deactivated: no request is made. */
    ENDPOINT_GONE,
    /** The database is unreachable: the call throws and Temporal retries it. */
    THROW,
    /** The receiver is slow: the call waits until {@link #release()}, then answers as FAIL. */
    BLOCK,
    /** The receiver answered 429 with {@code Retry-After: 120}. */
    BUSY_FOR_2M,
    /** The receiver answered 410: the delivery ends failed. */
    GONE,
    /** The endpoint's rate limit gave the attempt a slot 10 s away: no request is made. */
    NO_SLOT_FOR_10S,
    /** The delivery is held (its endpoint was disabled): no request is made. */
    HELD
  }

  /** The wait {@link Answer#BUSY_FOR_2M} asks for. */
  static final Duration BUSY_WAIT = Duration.ofMinutes(2);

  /** The wait for the slot {@link Answer#NO_SLOT_FOR_10S} reserves. */
  static final Duration SLOT_WAIT = Duration.ofSeconds(10);

  /** One call as the fake saw it; times are test-server milliseconds. */
  record Call(
      AttemptRequest request,
      int temporalAttempt,
      Answer answer,
      String signature,
      long startedAtMillis,
      long endedAtMillis) {}

  /** What only the activity side knows about a delivery. */
  record KnownDelivery(String secret, String payload) {}

  private final LongSupplier clock;
  private final Deque<Answer> script;
  private final Map<String, KnownDelivery> knownDeliveries = new ConcurrentHashMap<>();
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final List<CancelledRun> cancellations = new CopyOnWriteArrayList<>();
  private final CountDownLatch blocked = new CountDownLatch(1);
  private final CountDownLatch released = new CountDownLatch(1);
  private int attemptsRecorded;

  ScriptedDeliveryActivities(LongSupplier clock, Answer... script) {
    this.clock = clock;
    this.script = new ArrayDeque<>(Arrays.asList(script));
  }

  /** Gives the fake a secret and a payload for a delivery, as the database gives the real one. */
  void know(String deliveryId, KnownDelivery delivery) {
    knownDeliveries.put(deliveryId, delivery);
  }

  List<Call> calls() {
    return List.copyOf(calls);
  }

  /** The cancellations the workflow recorded through {@link #markCancelled}. */
  List<CancelledRun> cancellations() {
    return List.copyOf(cancellations);
  }

  /** Waits in real time until a BLOCK call has started. */
  void awaitBlocked() throws InterruptedException {
    if (!blocked.await(20, TimeUnit.SECONDS)) {
      throw new AssertionError("no call blocked");
    }
  }

  /** Lets a BLOCK call finish. */
  void release() {
    released.countDown();
  }

  /** The calls that came to an outcome, one per logical attempt. */
  List<Call> attempts() {
    return calls.stream().filter(call -> call.answer() != Answer.THROW).toList();
  }

  @Override
  public DeliveryStatus markCancelled(CancelledRun run) {
    cancellations.add(run);
    return DeliveryStatus.CANCELLED;
  }

  @Override
  public AttemptOutcome attempt(AttemptRequest request) {
    Answer answer = nextAnswer();
    if (answer == Answer.BLOCK) {
      long startedAt = clock.getAsLong();
      blocked.countDown();
      try {
        if (!released.await(20, TimeUnit.SECONDS)) {
          throw new IllegalStateException("the blocked call was never released");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      return answer(request, Answer.FAIL, startedAt);
    }
    return answer(request, answer, clock.getAsLong());
  }

  // Past the end of the script every call succeeds, so a workflow that makes one attempt too
  // many still ends and the test's count of calls reports it.
  private synchronized Answer nextAnswer() {
    return script.isEmpty() ? Answer.SUCCEED : script.poll();
  }

  private synchronized AttemptOutcome answer(
      AttemptRequest request, Answer answer, long startedAt) {
    int temporalAttempt = Activity.getExecutionContext().getInfo().getAttempt();
    boolean sent =
        answer != Answer.ENDPOINT_GONE
            && answer != Answer.THROW
            && answer != Answer.NO_SLOT_FOR_10S;
    String signature = sent ? sign(request.deliveryId()) : null;
    calls.add(new Call(request, temporalAttempt, answer, signature, startedAt, clock.getAsLong()));
    return switch (answer) {
      case SUCCEED -> new AttemptOutcome(++attemptsRecorded, DeliveryStatus.SUCCESS, 200, true);
      case FAIL -> {
        DeliveryStatus status =
            request.delayIfItFails() == null ? DeliveryStatus.FAILED : DeliveryStatus.PENDING;
        yield new AttemptOutcome(++attemptsRecorded, status, 503, false);
      }
      case BUSY_FOR_2M -> {
        DeliveryStatus status =
            request.delayIfItFails() == null ? DeliveryStatus.FAILED : DeliveryStatus.PENDING;
        yield new AttemptOutcome(
            ++attemptsRecorded, status, 429, false, BUSY_WAIT, false, null, null);
      }
      case GONE ->
          new AttemptOutcome(
              ++attemptsRecorded, DeliveryStatus.FAILED, 410, false, null, true, null, null);
      case NO_SLOT_FOR_10S ->
          AttemptOutcome.waitForSlot(
              Instant.ofEpochMilli(clock.getAsLong()).plus(SLOT_WAIT), SLOT_WAIT);
      case ENDPOINT_GONE -> AttemptOutcome.cancelled();
      case HELD -> new AttemptOutcome(0, DeliveryStatus.HELD, null, false);
      case THROW -> throw new IllegalStateException("database unreachable");
      case BLOCK -> throw new IllegalStateException("BLOCK is answered as FAIL");
    };
  }

  private String sign(String deliveryId) {
    KnownDelivery delivery =
        knownDeliveries.getOrDefault(deliveryId, new KnownDelivery("unused-secret", "{}"));
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(delivery.secret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of()
          .formatHex(mac.doFinal(delivery.payload().getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }
}
