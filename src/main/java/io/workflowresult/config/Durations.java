package io.workflowresult.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as configuration writes them: a whole number and a unit, {@code 500ms}, {@code 2s},
 * {@code 5m}, {@code 24h}, {@code 7d} (ISO-8601 such as {@code PT2S} is accepted too). The one
 * reader of durations: configuration, command-line options and the simulator's options all use it.
 */
public final class Durations {
  private static final Pattern SIMPLE = Pattern.compile("(\\d{1,12})\\s*(ms|s|m|h|d)");

  private Durations() {}

  /** The duration {@code text} names, or empty when it is not one. */
  public static Optional<Duration> parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    Matcher m = SIMPLE.matcher(t);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      return Optional.of(
          switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
          });
    }
    if (t.startsWith("pt") || t.startsWith("p")) {
      try {
        Duration d = Duration.parse(t.toUpperCase(Locale.ROOT));
        return d.isNegative() ? Optional.empty() : Optional.of(d);
      } catch (DateTimeParseException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /**
   * The duration {@code text} names, for options read one at a time (the simulator's, {@code
   * redrive --since}): as {@link #parse}, and a bare {@code 0} is zero.
   *
   * @throws IllegalArgumentException naming the text and the accepted forms
   */
  public static Duration require(String text) {
    String trimmed = text == null ? "" : text.trim();
    if (trimmed.equals("0")) {
      return Duration.ZERO;
    }
    return parse(trimmed)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "'" + text + "' is not a duration (use e.g. 500ms, 2s, 5m, 24h, 7d)"));
  }

  /** The shortest form {@link #parse} reads back: {@code 7d}, {@code 24h} is {@code 1d}. */
  public static String format(Duration d) {
    long ms = d.toMillis();
    if (ms == 0) {
      return "0s";
    }
    long[] sizes = {86_400_000L, 3_600_000L, 60_000L, 1_000L};
    String[] units = {"d", "h", "m", "s"};
    for (int i = 0; i < sizes.length; i++) {
      if (ms % sizes[i] == 0) {
        return ms / sizes[i] + units[i];
      }
    }
    return ms + "ms";
  }
}
