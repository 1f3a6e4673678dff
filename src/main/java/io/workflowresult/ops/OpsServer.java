package io.workflowresult.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one HTTP server of a process, on {@code http.port}: {@code /health/live}, {@code
 * /health/ready}, {@code /metrics} (OpenMetrics or Prometheus text) and, when this process runs the
 * aggregator, {@code /costs}. Only GET; every error answer is JSON {@code {"error": "..."}}.
 *
 * <p>Probes and scrapes never wait behind {@code /costs}: health and metrics are answered by the
 * server's own threads, {@code /costs} (which may ask other instances) by a pool of its own with a
 * bounded queue; past it {@code /costs} answers 503 at once.
 */
public final class OpsServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(OpsServer.class);
  private static final String JSON = "application/json; charset=utf-8";
  private static final String OPENMETRICS =
      "application/openmetrics-text; version=1.0.0; charset=utf-8";

  /** Threads answering health and metrics: each answer is quick and local. */
  static final int PROBE_THREADS = 4;

  /** Threads answering {@code /costs}, and how many requests may wait for one. */
  static final int COSTS_THREADS = 4;

  static final int COSTS_QUEUE = 16;

  private final HttpServer server;
  private final ExecutorService executor;
  private final ExecutorService costsExecutor;
  private final ObjectMapper mapper =
      new ObjectMapper().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private OpsServer(HttpServer server, ExecutorService executor, ExecutorService costsExecutor) {
    this.server = server;
    this.executor = executor;
    this.costsExecutor = costsExecutor;
  }

  /**
   * Binds {@code port} ({@code 0}: any free port) and starts serving.
   *
   * @param costs the aggregator's answers, or empty when this process runs no aggregator ({@code
   *     /costs} then answers 404 naming the role)
   */
  public static OpsServer start(
      int port, Readiness readiness, PrometheusMeterRegistry registry, Optional<CostLookup> costs)
      throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
    ExecutorService executor = Executors.newFixedThreadPool(PROBE_THREADS, daemon("ops-http"));
    ExecutorService costsExecutor =
        new ThreadPoolExecutor(
            COSTS_THREADS,
            COSTS_THREADS,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(COSTS_QUEUE),
            daemon("costs-http"));
    Gauge.builder(MetricNames.READY, readiness, r -> r.ready() ? 1 : 0)
        .description("1 when /health/ready answers 200")
        .register(registry);
    OpsServer ops = new OpsServer(server, executor, costsExecutor);
    server.setExecutor(executor);
    server.createContext("/health/live", ex -> ops.handle(ex, () -> ops.live()));
    server.createContext("/health/ready", ex -> ops.handle(ex, () -> ops.ready(readiness)));
    server.createContext(
        "/metrics",
        ex -> ops.handle(ex, () -> metrics(registry, ex.getRequestHeaders().getFirst("Accept"))));
    server.createContext(
        "/costs", ex -> ops.handleAside(ex, () -> costs(costs, ex.getRequestURI())));
    server.createContext("/", ex -> ops.handle(ex, () -> Answer.error(404, "no such endpoint")));
    server.start();
    log.info("HTTP endpoints on port {}", server.getAddress().getPort());
    return ops;
  }

  /** The bound port. */
  public int port() {
    return server.getAddress().getPort();
  }

  private Answer live() {
    return Answer.json(200, Map.of("status", "UP"));
  }

  private Answer ready(Readiness readiness) {
    Map<String, String> problems = readiness.problems();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", problems.isEmpty() ? "UP" : "DOWN");
    if (!problems.isEmpty()) {
      body.put("reasons", problems);
    }
    Map<String, Integer> partitions = readiness.partitions();
    if (!partitions.isEmpty()) {
      body.put("partitions", partitions);
    }
    return Answer.json(problems.isEmpty() ? 200 : 503, body);
  }

  private static Answer costs(Optional<CostLookup> costs, URI uri) {
    if (costs.isEmpty()) {
      return Answer.error(404, "this instance runs no aggregator (--role)");
    }
    CostLookup.Answer answer = costs.get().answer(uri.getRawPath(), uri.getRawQuery());
    return new Answer(answer.status(), JSON, answer.json(), Optional.empty());
  }

  /**
   * The OpenMetrics text format when the scraper accepts it (Prometheus asks for it first), else
   * Prometheus' text format 0.0.4.
   */
  static Answer metrics(PrometheusMeterRegistry registry, String accept) {
    String type =
        accept != null && accept.contains("application/openmetrics-text")
            ? OPENMETRICS
            : "text/plain; version=0.0.4; charset=utf-8";
    return new Answer(200, type, registry.scrape(type), Optional.empty());
  }

  /** Answers on the {@code /costs} pool; 503 at once when it is full. */
  private void handleAside(HttpExchange exchange, AnswerSource source) throws IOException {
    try {
      costsExecutor.execute(
          () -> {
            try {
              handle(exchange, source);
            } catch (IOException e) {
              log.debug("{}: {}", exchange.getRequestURI().getPath(), e.toString());
            }
          });
    } catch (RejectedExecutionException e) {
      handle(exchange, () -> Answer.error(503, "too many /costs requests at once; retry"));
    }
  }

  private static ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }

  private void handle(HttpExchange exchange, AnswerSource source) throws IOException {
    try (exchange) {
      Answer answer;
      if (!"GET".equals(exchange.getRequestMethod())
          && !"HEAD".equals(exchange.getRequestMethod())) {
        exchange.getResponseHeaders().set("Allow", "GET");
        answer = Answer.error(405, "only GET");
      } else {
        try {
          answer = source.answer();
        } catch (RuntimeException e) {
          log.warn("{} failed: {}", exchange.getRequestURI().getPath(), e.toString());
          answer = Answer.error(500, "internal error: " + e.getClass().getSimpleName());
        }
      }
      byte[] body = answer.body(mapper);
      exchange.getResponseHeaders().set("Content-Type", answer.contentType());
      boolean head = "HEAD".equals(exchange.getRequestMethod());
      exchange.sendResponseHeaders(answer.status(), head || body.length == 0 ? -1 : body.length);
      if (!head) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    }
  }

  @FunctionalInterface
  private interface AnswerSource {
    Answer answer();
  }

  /** An HTTP answer: a text body, or a value written as JSON. */
  record Answer(int status, String contentType, String text, Optional<Object> json) {
    static Answer json(int status, Object value) {
      return new Answer(status, JSON, "", Optional.of(value));
    }

    static Answer error(int status, String message) {
      return json(status, Map.of("error", message));
    }

    byte[] body(ObjectMapper mapper) throws IOException {
      return json.isPresent()
          ? mapper.writeValueAsBytes(json.get())
          : text.getBytes(StandardCharsets.UTF_8);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    costsExecutor.shutdownNow();
  }
}
