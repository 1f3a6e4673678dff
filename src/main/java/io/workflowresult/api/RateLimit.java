package io.workflowresult.api;

import java.util.OptionalLong;

/**
 * The {@code X-RateLimit-Limit}, {@code X-RateLimit-Remaining} and {@code X-RateLimit-Reset} (Unix
 * seconds) values of one answer; each is empty when the header was absent or unreadable.
 */
public record RateLimit(
    OptionalLong limit, OptionalLong remaining, OptionalLong resetEpochSeconds) {
  public static final RateLimit NONE =
      new RateLimit(OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty());
}
