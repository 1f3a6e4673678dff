package io.workflowresult.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
    ApiCall call;
    try {
      byte[] body = readBody(exchange.getRequestBody());
      call =
          ApiCall.begin(
              simulator,
              exchange.getRequestMethod(),
              exchange.getRequestHeaders().getFirst("Authorization"),
              body);
    } catch (IOException | RuntimeException e) {
      log.debug("could not answer a request: {}", e.toString());
      call = ApiCall.unreadable(simulator);
    }
    if (call.delayMillis() <= 0) {
      send(exchange, call);
    } else {
      schedule(exchange, call);
    }
  }

  private void schedule(HttpExchange exchange, ApiCall call) {
    try {
      scheduler.schedule(
          () -> sendOnWorker(exchange, call), call.delayMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      abandon(exchange, call);
    }
  }

  private void sendOnWorker(HttpExchange exchange, ApiCall call) {
    try {
      workers.execute(() -> send(exchange, call));
    } catch (RejectedExecutionException e) {
      abandon(exchange, call);
    }
  }

  private static void send(HttpExchange exchange, ApiCall call) {
    call.answering();
    try (exchange) {
      exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
      call.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
      byte[] body = call.body();
      exchange.sendResponseHeaders(call.httpStatus(), body.length == 0 ? -1 : body.length);
      OutputStream out = exchange.getResponseBody();
      if (call.cut()) {
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
  private static void abandon(HttpExchange exchange, ApiCall call) {
    exchange.close();
    call.abandoned();
  }

  private static byte[] readBody(InputStream in) throws IOException {
    try (in) {
      return in.readNBytes(ApiCall.maxRequestBytes() + 1);
    }
  }
}
