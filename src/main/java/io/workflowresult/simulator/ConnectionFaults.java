package io.workflowresult.simulator;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Faults of the connection rather than of the API, injected into run answers ({@code 200}): at
 * {@code slowRate} the answer is held {@code slowBy} (longer than the client's timeout, say), at
 * {@code cutRate} the headers and half the body are sent and then the connection is closed (a reset
 * mid-body). Drawn, like the other faults, from the seed, the run ID and the request's number for
 * that run. Errors and 429s are never cut or held: a client must see every {@code Retry-After}.
 */
public final class ConnectionFaults {
  /** No connection faults. */
  public static final ConnectionFaults NONE = new ConnectionFaults(0, Duration.ZERO, 0);

  private final double slowRate;
  private final Duration slowBy;
  private final double cutRate;
  private final AtomicLong slowed = new AtomicLong();
  private final AtomicLong cut = new AtomicLong();

  public ConnectionFaults(double slowRate, Duration slowBy, double cutRate) {
    if (!(slowRate >= 0 && cutRate >= 0 && slowRate + cutRate <= 1.0)) {
      throw new IllegalArgumentException("slow and cut rates must be >= 0 and add up to <= 1.0");
    }
    if (slowBy.isNegative()) {
      throw new IllegalArgumentException("slowBy must not be negative, got " + slowBy);
    }
    this.slowRate = slowRate;
    this.slowBy = slowBy;
    this.cutRate = cutRate;
  }

  /** Answers held back so far. */
  public long slowed() {
    return slowed.get();
  }

  /** Answers cut mid-body so far. */
  public long cut() {
    return cut.get();
  }

  SimAnswer apply(SimAnswer answer, long faultHash) {
    if (answer.httpStatus() != 200) {
      return answer;
    }
    double draw = Hashes.unit(Hashes.then(faultHash, -11));
    if (draw < slowRate) {
      slowed.incrementAndGet();
      return answer.delayedBy(slowBy.toMillis());
    }
    if (draw < slowRate + cutRate) {
      cut.incrementAndGet();
      return answer.cutMidBody();
    }
    return answer;
  }
}
