package io.workflowresult.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The simulator's own endpoints, never counted in its statistics: {@code GET /stats}, {@code GET
 * /stats/runs[?id=X]}, {@code GET /stats/requests} (the request log as text, see {@link
 * Simulator#requestLogText()}), {@code POST /stats/reset}, {@code GET /truth?id=X} and {@code POST
 * /runs/start} with {@code {"workflowRunIds": [...], "workflowId": "..."}} ({@code workflowId}
 * optional), which starts the runs' clocks and answers {@code {"started": [{"workflowRunId",
 * "workflowId", "startedAt"}, ...]}}.
 */
final class AdminHandler implements HttpHandler {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

  private final Simulator simulator;

  AdminHandler(Simulator simulator) {
    this.simulator = simulator;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readNBytes(MAX_BODY_BYTES + 1);
      String path = exchange.getRequestURI().getPath();
      String method = exchange.getRequestMethod();
      Optional<String> id = queryParam(exchange.getRequestURI().getRawQuery(), "id");
      if (path.equals("/stats") && method.equals("GET")) {
        send(exchange, 200, JSON.writeValueAsBytes(simulator.stats()));
      } else if (path.equals("/stats/runs") && method.equals("GET")) {
        send(exchange, 200, JSON.writeValueAsBytes(runStats(id)));
      } else if (path.equals("/stats/requests") && method.equals("GET")) {
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        byte[] text = simulator.requestLogText();
        exchange.sendResponseHeaders(200, text.length == 0 ? -1 : text.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(text);
        }
      } else if (path.equals("/stats/reset") && method.equals("POST")) {
        simulator.resetStats();
        send(exchange, 200, JSON.writeValueAsBytes(simulator.stats()));
      } else if (path.equals("/truth") && method.equals("GET") && id.isPresent()) {
        send(exchange, 200, simulator.truthJson(id.get()));
      } else if (path.equals("/runs/start") && method.equals("POST")) {
        startRuns(exchange, body);
      } else {
        send(exchange, 404, RunJson.error("NOT_FOUND", "no such endpoint", 404));
      }
    }
  }

  private void startRuns(HttpExchange exchange, byte[] body) throws IOException {
    List<String> ids = new ArrayList<>();
    Optional<String> workflowId = Optional.empty();
    try {
      JsonNode request = body.length > MAX_BODY_BYTES ? null : JSON.readTree(body);
      JsonNode runIds = request == null ? null : request.get("workflowRunIds");
      if (runIds == null || !runIds.isArray()) {
        throw new IllegalArgumentException("body must be {\"workflowRunIds\": [...]}");
      }
      for (JsonNode runId : runIds) {
        if (!runId.isTextual() || runId.textValue().isBlank()) {
          throw new IllegalArgumentException("workflowRunIds must hold non-blank strings");
        }
        ids.add(runId.textValue());
      }
      JsonNode workflow = request.get("workflowId");
      if (workflow != null && !workflow.isNull()) {
        workflowId = Optional.of(workflow.asText());
      }
      Map<String, Object> out = Map.of("started", simulator.start(ids, workflowId));
      send(exchange, 200, JSON.writeValueAsBytes(out));
    } catch (IOException | IllegalArgumentException e) {
      send(exchange, 400, RunJson.error("INVALID_REQUEST", describe(e), 400));
    }
  }

  private static String describe(Exception e) {
    return e instanceof IOException ? "body is not JSON" : e.getMessage();
  }

  private Map<String, Object> runStats(Optional<String> id) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (id.isPresent()) {
      out.put("workflowRunId", id.get());
      out.put("requests", simulator.requestsFor(id.get()));
      OptionalLong first = simulator.firstQueryAt(id.get());
      out.put("firstQueryAt", first.isPresent() ? first.getAsLong() : null);
    } else {
      out.put("runs", simulator.requestsByRun());
    }
    return out;
  }

  private static Optional<String> queryParam(String rawQuery, String name) {
    if (rawQuery == null) {
      return Optional.empty();
    }
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).equals(name)) {
        return Optional.of(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return Optional.empty();
  }

  private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
