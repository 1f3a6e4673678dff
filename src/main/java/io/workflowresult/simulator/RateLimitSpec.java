package io.workflowresult.simulator;

import io.workflowresult.config.Durations;
import java.time.Duration;

/**
 * A published rate limit of {@code limit} requests per fixed window of {@code period}, written
 * {@code 1000/1h}.
 */
public record RateLimitSpec(long limit, Duration period) {
  public RateLimitSpec {
    if (limit < 1 || period.toMillis() < 1) {
      throw new IllegalArgumentException("rate limit needs a count >= 1 and a period >= 1ms");
    }
  }

  /** Parses {@code COUNT/PERIOD}, e.g. {@code 100/1d} or {@code 50/1s}. */
  public static RateLimitSpec parse(String text) {
    int slash = text.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("'" + text + "' is not COUNT/PERIOD, e.g. 1000/1h");
    }
    try {
      long limit = Long.parseLong(text.substring(0, slash).trim());
      return new RateLimitSpec(limit, Durations.require(text.substring(slash + 1)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' is not COUNT/PERIOD, e.g. 1000/1h", e);
    }
  }

  @Override
  public String toString() {
    return limit + "/" + period.toMillis() + "ms";
  }
}
