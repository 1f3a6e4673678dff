package io.workflowresult.aggregate.query;

import io.workflowresult.aggregate.CostSumJson;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code /costs} HTTP routes as plain values, so an endpoint only forwards the request's raw
 * path and query and writes back the {@link Answer}:
 *
 * <ul>
 *   <li>{@code GET /costs} — every workflow's totals (JSON array);
 *   <li>{@code GET /costs/{workflowId}} — one workflow's totals (JSON object, 404 when unknown);
 *   <li>{@code GET /costs/{workflowId}/windows?from=&to=} — its windows with {@code windowStart} in
 *       {@code [from, to)}; each bound epoch ms or an ISO-8601 instant, both optional.
 * </ul>
 *
 * Adding {@code local=true} answers from this instance's stores only: that is how instances ask
 * each other, and it is never forwarded again, so a stale view of who holds what cannot loop.
 * Status 503 means "not now" ({@link CostsUnavailableException}), 400 a bad parameter.
 */
public final class CostRoutes {
  /** The path prefix these routes serve. */
  public static final String PREFIX = "/costs";

  private final CostQueries cluster;
  private final LocalCostQueries local;

  /** An HTTP answer: status and JSON body. */
  public record Answer(int status, String json) {}

  /** Routes over the Streams stores of this instance and its peers. */
  public CostRoutes(StreamsCostQueries queries) {
    this(queries, queries);
  }

  CostRoutes(CostQueries cluster, LocalCostQueries local) {
    this.cluster = cluster;
    this.local = local;
  }

  /**
   * The answer to {@code GET rawPath?rawQuery} ({@code URI#getRawPath}, {@code URI#getRawQuery},
   * the latter may be null).
   */
  public Answer answer(String rawPath, String rawQuery) {
    List<String> segments = segments(rawPath);
    if (segments.isEmpty() || !segments.get(0).equals(PREFIX.substring(1))) {
      return error(404, "no such path");
    }
    Map<String, String> params = params(rawQuery);
    boolean localOnly = "true".equals(params.get("local"));
    try {
      return switch (segments.size()) {
        case 1 -> allTotals(localOnly);
        case 2 -> totals(decode(segments.get(1)), localOnly);
        case 3 ->
            segments.get(2).equals("windows")
                ? windows(decode(segments.get(1)), params, localOnly)
                : error(404, "no such path");
        default -> error(404, "no such path");
      };
    } catch (IllegalArgumentException e) {
      return error(400, e.getMessage());
    } catch (CostsUnavailableException e) {
      return error(503, e.getMessage());
    }
  }

  private Answer allTotals(boolean localOnly) {
    return new Answer(
        200, localOnly ? CostSumJson.toJsonArray(local.localTotals()) : cluster.allTotalsJson());
  }

  private Answer totals(String workflowId, boolean localOnly) {
    Optional<String> json =
        localOnly
            ? local.localTotals(workflowId).map(CostSumJson::toJson)
            : cluster.totalsJson(workflowId);
    return json.map(j -> new Answer(200, j))
        .orElseGet(() -> error(404, "unknown workflow: " + workflowId));
  }

  private Answer windows(String workflowId, Map<String, String> params, boolean localOnly) {
    long from = time(params, "from", Long.MIN_VALUE);
    long to = time(params, "to", Long.MAX_VALUE);
    String json =
        localOnly
            ? CostSumJson.toJsonArray(local.localWindows(workflowId, from, to))
            : cluster.windowsJson(workflowId, from, to);
    return new Answer(200, json);
  }

  /** Path and query of {@code GET /costs} answered by one instance. */
  static String localAllTotals() {
    return PREFIX + "?local=true";
  }

  /** Path and query of {@code GET /costs/{workflowId}} answered by one instance. */
  static String localTotals(String workflowId) {
    return PREFIX + "/" + encode(workflowId) + "?local=true";
  }

  /** Path and query of {@code GET /costs/{workflowId}/windows} answered by one instance. */
  static String localWindows(String workflowId, long fromMs, long toMs) {
    return PREFIX
        + "/"
        + encode(workflowId)
        + "/windows?from="
        + fromMs
        + "&to="
        + toMs
        + "&local=true";
  }

  private static long time(Map<String, String> params, String name, long absent) {
    String value = params.get(name);
    if (value == null || value.isEmpty()) {
      return absent;
    }
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException notMillis) {
      try {
        return Instant.parse(value).toEpochMilli();
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(
            name + " must be epoch milliseconds or an ISO-8601 instant, got " + value);
      }
    }
  }

  private static List<String> segments(String rawPath) {
    String path = rawPath == null ? "" : rawPath;
    while (path.endsWith("/") && path.length() > 1) {
      path = path.substring(0, path.length() - 1);
    }
    return path.startsWith("/") ? List.of(path.substring(1).split("/", -1)) : List.of();
  }

  private static Map<String, String> params(String rawQuery) {
    Map<String, String> params = new HashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return params;
    }
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      params.put(
          URLDecoder.decode(name, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return params;
  }

  /** A path segment encoded: {@code URLEncoder} is for forms, so its {@code +} becomes %20. */
  static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** A path segment decoded: a literal {@code +} in a path stays a plus. */
  static String decode(String rawSegment) {
    return URLDecoder.decode(rawSegment.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static Answer error(int status, String message) {
    return new Answer(status, "{\"error\":" + quote(message) + "}");
  }

  private static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append('"').toString();
  }
}
