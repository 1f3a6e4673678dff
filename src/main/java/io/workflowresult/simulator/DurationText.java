package io.workflowresult.simulator;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads durations written as {@code 500ms}, {@code 2s}, {@code 5m}, {@code 24h}, {@code 7d}. */
public final class DurationText {
  private static final Pattern FORM = Pattern.compile("(\\d+)(ms|s|m|h|d)");

  private DurationText() {}

  /**
   * Parses one duration; a bare {@code 0} is accepted as zero.
   *
   * @throws IllegalArgumentException naming the text and the accepted forms
   */
  public static Duration parse(String text) {
    String trimmed = text == null ? "" : text.trim();
    if (trimmed.equals("0")) {
      return Duration.ZERO;
    }
    Matcher m = FORM.matcher(trimmed);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a duration (use e.g. 500ms, 2s, 5m, 24h, 7d)");
    }
    long amount = Long.parseLong(m.group(1));
    switch (m.group(2)) {
      case "ms":
        return Duration.ofMillis(amount);
      case "s":
        return Duration.ofSeconds(amount);
      case "m":
        return Duration.ofMinutes(amount);
      case "h":
        return Duration.ofHours(amount);
      default:
        return Duration.ofDays(amount);
    }
  }
}
