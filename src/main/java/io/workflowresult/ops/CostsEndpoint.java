package io.workflowresult.ops;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /costs}, {@code /costs/{workflowId}} and {@code /costs/{workflowId}/windows?from=&to=}
 * ({@code from}/{@code to}: ISO-8601 instants or epoch milliseconds; either may be left out). 404
 * for an unknown workflow, 400 for a bad parameter.
 */
final class CostsEndpoint {
  /** The latest instant that still fits epoch milliseconds. */
  static final Instant END_OF_TIME = Instant.ofEpochMilli(Long.MAX_VALUE);

  private final Optional<CostLookup> costs;

  CostsEndpoint(Optional<CostLookup> costs) {
    this.costs = costs;
  }

  OpsServer.Answer answer(URI uri) {
    if (costs.isEmpty()) {
      return OpsServer.Answer.error(404, "this instance runs no aggregator (--role)");
    }
    CostLookup lookup = costs.get();
    String rest = uri.getRawPath().substring("/costs".length());
    if (rest.isEmpty() || rest.equals("/")) {
      return OpsServer.Answer.json(200, lookup.totals());
    }
    String[] parts = rest.substring(1).split("/", -1);
    String workflowId = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
    if (workflowId.isEmpty()
        || parts.length > 2
        || parts.length == 2 && !parts[1].equals("windows")) {
      return OpsServer.Answer.error(404, "no such endpoint");
    }
    if (parts.length == 1) {
      return lookup
          .totals(workflowId)
          .map(t -> OpsServer.Answer.json(200, t))
          .orElseGet(() -> unknown(workflowId));
    }
    Map<String, String> query = query(uri.getRawQuery());
    Instant from;
    Instant to;
    try {
      from = instant("from", query.get("from"), Instant.EPOCH);
      to = instant("to", query.get("to"), END_OF_TIME);
    } catch (IllegalArgumentException e) {
      return OpsServer.Answer.error(400, e.getMessage());
    }
    if (from.isAfter(to)) {
      return OpsServer.Answer.error(400, "from must not be after to");
    }
    Optional<List<?>> windows = lookup.windows(workflowId, from, to);
    return windows.map(w -> OpsServer.Answer.json(200, w)).orElseGet(() -> unknown(workflowId));
  }

  private static OpsServer.Answer unknown(String workflowId) {
    return OpsServer.Answer.error(404, "unknown workflow: " + workflowId);
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> params = new HashMap<>();
    if (raw == null || raw.isEmpty()) {
      return params;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value =
          eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      params.put(key, value);
    }
    return params;
  }

  /** An ISO-8601 instant or epoch milliseconds; {@code fallback} when absent or empty. */
  static Instant instant(String name, String value, Instant fallback) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    String v = value.trim();
    try {
      return v.chars().allMatch(Character::isDigit)
          ? Instant.ofEpochMilli(Long.parseLong(v))
          : Instant.parse(v);
    } catch (DateTimeParseException | NumberFormatException e) {
      throw new IllegalArgumentException(
          name + " must be an ISO-8601 instant or epoch milliseconds, got '" + value + "'", e);
    }
  }
}
