package io.workflowresult.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The merged settings as text, read as typed values: every reader names the key and what it accepts
 * in its {@link ConfigException}, e.g. {@code query.max-in-flight must be between 1 and 10000, got
 * 0}.
 */
final class Settings {
  private static final Pattern TOPIC_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
  private static final Pattern ID = Pattern.compile("[a-zA-Z0-9._-]{1,200}");

  private final Map<String, String> values;

  Settings(Map<String, String> values) {
    this.values = values;
  }

  /** The value, or the key's default; empty when neither exists. */
  Optional<String> optional(String key) {
    String v = values.get(key);
    if (v != null) {
      return Optional.of(v);
    }
    return ConfigKeys.defaults().getOrDefault(key, Optional.empty());
  }

  String text(String key) {
    return optional(key)
        .filter(v -> !v.isBlank())
        .orElseThrow(() -> new ConfigException(key, key + " is required"));
  }

  String id(String key) {
    String v = text(key);
    if (!ID.matcher(v).matches()) {
      throw invalid(key, "must be 1-200 letters, digits, '.', '_' or '-'", v);
    }
    return v;
  }

  String topic(String key) {
    String v = text(key);
    if (!TOPIC_NAME.matcher(v).matches() || v.equals(".") || v.equals("..")) {
      throw invalid(key, "must be a Kafka topic name (1-249 letters, digits, '.', '_', '-')", v);
    }
    return v;
  }

  boolean bool(String key) {
    String v = text(key).toLowerCase(Locale.ROOT);
    return switch (v) {
      case "true" -> true;
      case "false" -> false;
      default -> throw invalid(key, "must be true or false", v);
    };
  }

  long longBetween(String key, long min, long max) {
    String v = text(key);
    long n;
    try {
      n = Long.parseLong(v.replace("_", ""));
    } catch (NumberFormatException e) {
      throw invalid(key, "must be a whole number between " + min + " and " + max, v);
    }
    if (n < min || n > max) {
      throw invalid(key, "must be between " + min + " and " + max, v);
    }
    return n;
  }

  int intBetween(String key, int min, int max) {
    return (int) longBetween(key, min, max);
  }

  double doubleBetween(String key, double min, double max) {
    String v = text(key);
    double d;
    try {
      d = Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw invalid(key, "must be a number between " + min + " and " + max, v);
    }
    if (!(d >= min && d <= max)) {
      throw invalid(key, "must be between " + min + " and " + max, v);
    }
    return d;
  }

  Duration duration(String key, Duration min, Duration max) {
    String v = text(key);
    Duration d =
        Durations.parse(v)
            .orElseThrow(() -> invalid(key, "must be a duration like 500ms, 2s, 5m, 24h or 7d", v));
    if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
      throw invalid(
          key, "must be between " + Durations.format(min) + " and " + Durations.format(max), v);
    }
    return d;
  }

  /** A memory size ({@link ByteSizes}) in bytes, within {@code [min, max]}. */
  long byteSize(String key, long min, long max) {
    String v = text(key);
    long n =
        ByteSizes.parse(v)
            .orElseThrow(() -> invalid(key, "must be a size like 64m, 512m or 2g", v));
    if (n < min || n > max) {
      throw invalid(
          key, "must be between " + ByteSizes.format(min) + " and " + ByteSizes.format(max), v);
    }
    return n;
  }

  URI httpUrl(String key) {
    String v = text(key);
    try {
      URI uri = new URI(v);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // reported below, with the key
    }
    throw invalid(key, "must be an http:// or https:// URL with a host", v);
  }

  static ConfigException invalid(String key, String accepts, String got) {
    return new ConfigException(key, key + " " + accepts + ", got " + shown(got));
  }

  /** The bad value as the message shows it: one line, quoted when it has spaces or is empty. */
  private static String shown(String s) {
    String flat = s.replaceAll("\\p{Cntrl}", " ");
    String cut = flat.length() > 100 ? flat.substring(0, 100) + "..." : flat;
    return cut.isEmpty() || cut.chars().anyMatch(Character::isWhitespace) ? '"' + cut + '"' : cut;
  }
}
