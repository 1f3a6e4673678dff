package io.workflowresult.config;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Memory sizes as configuration writes them, like the JVM's {@code -Xmx}: a whole number of bytes,
 * or of {@code k}, {@code m} or {@code g} (binary multiples: {@code 1m} is 1048576 bytes).
 */
public final class ByteSizes {
  private static final Pattern SIZE = Pattern.compile("(\\d{1,13})\\s*([kmg]?)b?");
  private static final long[] MULTIPLES = {1L << 30, 1L << 20, 1L << 10};
  private static final String[] UNITS = {"g", "m", "k"};

  private ByteSizes() {}

  /** The number of bytes {@code text} names, or empty when it names none. */
  public static Optional<Long> parse(String text) {
    Matcher m = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      return Optional.empty();
    }
    long n = Long.parseLong(m.group(1));
    long multiple =
        switch (m.group(2)) {
          case "k" -> 1L << 10;
          case "m" -> 1L << 20;
          case "g" -> 1L << 30;
          default -> 1L;
        };
    return n > Long.MAX_VALUE / multiple ? Optional.empty() : Optional.of(n * multiple);
  }

  /** The shortest form {@link #parse} reads back: {@code 128m}, {@code 2g}, {@code 1000}. */
  public static String format(long bytes) {
    for (int i = 0; i < MULTIPLES.length; i++) {
      if (bytes != 0 && bytes % MULTIPLES[i] == 0) {
        return bytes / MULTIPLES[i] + UNITS[i];
      }
    }
    return String.valueOf(bytes);
  }
}
