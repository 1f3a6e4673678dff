package io.workflowresult.api;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.OptionalLong;

/** Reads the pacing headers of an answer: {@code X-RateLimit-*} and {@code Retry-After}. */
final class RateLimitHeaders {

  private RateLimitHeaders() {}

  /** The {@code X-RateLimit-Limit/Remaining/Reset} values; absent or unreadable ones are empty. */
  static RateLimit rateLimit(HttpHeaders headers) {
    return new RateLimit(
        longValue(headers, "X-RateLimit-Limit"),
        longValue(headers, "X-RateLimit-Remaining"),
        longValue(headers, "X-RateLimit-Reset"));
  }

  /**
   * The wait the server announced, relative to {@code clock}'s now (never negative): {@code
   * Retry-After} as seconds or an HTTP-date; else, when {@code useReset}, {@code X-RateLimit-Reset}
   * (Unix seconds). The reset is used for 429 only: it says when the quota refills, which tells
   * nothing about when a failing server recovers.
   */
  static Optional<Duration> retryAfter(
      HttpHeaders headers, RateLimit rateLimit, Clock clock, boolean useReset) {
    Optional<Duration> announced =
        headers.firstValue("Retry-After").flatMap(value -> parseRetryAfter(value.trim(), clock));
    if (announced.isPresent() || !useReset || rateLimit.resetEpochSeconds().isEmpty()) {
      return announced;
    }
    try {
      return Optional.of(
          untilNow(Instant.ofEpochSecond(rateLimit.resetEpochSeconds().getAsLong()), clock));
    } catch (DateTimeException | ArithmeticException e) {
      // A reset beyond any representable instant says nothing usable.
      return Optional.empty();
    }
  }

  private static Optional<Duration> parseRetryAfter(String value, Clock clock) {
    if (!value.isEmpty() && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
      try {
        return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }
    try {
      ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
      return Optional.of(untilNow(at.toInstant(), clock));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    } catch (DateTimeException | ArithmeticException e) {
      return Optional.empty();
    }
  }

  private static Duration untilNow(Instant at, Clock clock) {
    Duration wait = Duration.between(clock.instant(), at);
    return wait.isNegative() ? Duration.ZERO : wait;
  }

  private static OptionalLong longValue(HttpHeaders headers, String name) {
    Optional<String> value = headers.firstValue(name);
    if (value.isEmpty()) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseLong(value.get().trim()));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }
}
