package io.workflowresult.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code POST /v1/workflow/query/result}. A delayed answer is not waited for on a thread:
 * the scheduler wakes when it is due and hands the write to a worker, so thousands of slow requests
 * can be in flight with a small pool.
 */
final class ApiHandler implements HttpHandler {
  static final String PATH = "/v1/workflow/query/result";
  private static final Logger log = LoggerFactory.getLogger(ApiHandler.class);
  private static final int MAX_REQUEST_BYTES = 64 * 1024;

  private final Simulator simulator;
  private final ScheduledExecutorService scheduler;
  private final Executor workers;

  ApiHandler(Simulator simulator, ScheduledExecutorService scheduler, Executor workers) {
    this.simulator = simulator;
    this.scheduler = scheduler;
    this.workers = workers;
  }

  @Override
  public void handle(HttpExchange exchange) {
    StatsRecorder stats = simulator.recorder();
    stats.requestStarted();
    long arrivedAt = System.currentTimeMillis();
    SimAnswer answer;
    String[] runId = new String[1];
    try {
      answer = answer(exchange, runId);
    } catch (IOException | RuntimeException e) {
      log.debug("could not answer a request: {}", e.toString());
      answer = SimAnswer.error(500, "INTERNAL_ERROR", "simulator failure", Map.of());
    }
    Logged logged = new Logged(arrivedAt, runId[0]);
    if (answer.delayMillis() <= 0) {
      send(exchange, answer, logged);
    } else {
      schedule(exchange, answer, logged);
    }
  }

  /** What the request log needs to know of a request besides its answer. */
  private record Logged(long arrivedAtMs, String runId) {}

  private SimAnswer answer(HttpExchange exchange, String[] runId) throws IOException {
    if (!"POST".equals(exchange.getRequestMethod())) {
      return SimAnswer.error(405, "METHOD_NOT_ALLOWED", "use POST", Map.of("Allow", "POST"));
    }
    byte[] body = readBody(exchange.getRequestBody());
    if (body == null) {
      return SimAnswer.error(413, "PAYLOAD_TOO_LARGE", "request body too large", Map.of());
    }
    runId[0] = RunIdRequest.runId(body).orElse(null);
    return simulator.answer(exchange.getRequestHeaders().getFirst("Authorization"), body);
  }

  private void schedule(HttpExchange exchange, SimAnswer answer, Logged logged) {
    try {
      scheduler.schedule(
          () -> sendOnWorker(exchange, answer, logged),
          answer.delayMillis(),
          TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      abandon(exchange, answer);
    }
  }

  private void sendOnWorker(HttpExchange exchange, SimAnswer answer, Logged logged) {
    try {
      workers.execute(() -> send(exchange, answer, logged));
    } catch (RejectedExecutionException e) {
      abandon(exchange, answer);
    }
  }

  private void send(HttpExchange exchange, SimAnswer answer, Logged logged) {
    simulator
        .requestLogSink()
        .add(
            new LoggedRequest(
                logged.arrivedAtMs(),
                System.currentTimeMillis(),
                logged.runId(),
                answer.httpStatus(),
                answer.runStatus(),
                RequestLog.kept(answer.headers())));
    // counted before the answer can reach the client, so a client that reads /stats after its
    // answer always finds it counted
    simulator.recorder().requestFinished(answer.httpStatus(), answer.runStatus());
    try (exchange) {
      exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
      answer.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
      byte[] body = answer.body();
      exchange.sendResponseHeaders(answer.httpStatus(), body.length == 0 ? -1 : body.length);
      OutputStream out = exchange.getResponseBody();
      if (answer.cut()) {
        // fewer bytes than announced, then the exchange closes: the server drops the connection
        out.write(body, 0, body.length / 2);
        out.flush();
        return;
      }
      try (out) {
        out.write(body);
      }
    } catch (IOException e) {
      log.debug("client went away before its answer: {}", e.toString());
    }
  }

  /** The server is stopping: close without an answer. */
  private void abandon(HttpExchange exchange, SimAnswer answer) {
    exchange.close();
    simulator.recorder().requestFinished(answer.httpStatus(), answer.runStatus());
  }

  private static byte[] readBody(InputStream in) throws IOException {
    try (in) {
      byte[] body = in.readNBytes(MAX_REQUEST_BYTES + 1);
      return body.length > MAX_REQUEST_BYTES ? null : body;
    }
  }
}
