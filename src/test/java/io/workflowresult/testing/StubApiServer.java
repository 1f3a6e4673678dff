package io.workflowresult.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A programmable stand-in for an HTTP API (the workflow API, a peer's {@code /costs}), on a free
 * local port or on a port chosen before.
 */
public final class StubApiServer implements AutoCloseable {

  /** How the stub answers one request. */
  @FunctionalInterface
  public interface Responder {
    void respond(HttpExchange exchange) throws IOException, InterruptedException;
  }

  /** A request as the stub saw it. */
  public record Seen(String method, String path, Map<String, List<String>> headers, byte[] body) {
    public String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }
  }

  /**
   * The request each exchange in flight carries. Not {@code HttpExchange.setAttribute}: on JDK 17
   * an exchange's attributes are its context's, shared by every exchange, so concurrent responders
   * would read one another's request and answer for the wrong run.
   */
  private static final Map<HttpExchange, Seen> REQUESTS = new ConcurrentHashMap<>();

  private final HttpServer server;
  private final ExecutorService executor;
  private final CountDownLatch released = new CountDownLatch(1);
  private final List<Seen> seen = new CopyOnWriteArrayList<>();
  private volatile Responder responder = exchange -> send(exchange, 500, Map.of(), "");

  public StubApiServer() throws IOException {
    this(
        Executors.newCachedThreadPool(),
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
  }

  /** A stub whose handlers run on {@code threads} threads. */
  public StubApiServer(int threads) throws IOException {
    this(
        Executors.newFixedThreadPool(threads),
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
  }

  /** A stub on {@code localhost:port}, for a port already named in a configuration. */
  public static StubApiServer onPort(int port) throws IOException {
    return new StubApiServer(
        Executors.newCachedThreadPool(), new InetSocketAddress("localhost", port));
  }

  private StubApiServer(ExecutorService executor, InetSocketAddress address) throws IOException {
    this.executor = executor;
    server = HttpServer.create(address, 0);
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            Seen request =
                new Seen(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(),
                    Map.copyOf(exchange.getRequestHeaders()),
                    exchange.getRequestBody().readAllBytes());
            seen.add(request);
            REQUESTS.put(exchange, request);
            try {
              responder.respond(exchange);
            } finally {
              REQUESTS.remove(exchange);
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    server.setExecutor(executor);
    server.start();
  }

  public URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  public void answer(Responder responder) {
    this.responder = responder;
  }

  /** Answers every request with {@code status}, {@code headers} and {@code body}. */
  public void answer(int status, Map<String, String> headers, String body) {
    answer(exchange -> send(exchange, status, headers, body));
  }

  /** The request {@code exchange} carries. */
  public static Seen request(HttpExchange exchange) {
    return REQUESTS.get(exchange);
  }

  public List<Seen> seen() {
    return seen;
  }

  /** Blocks a responder until the stub closes (a server that never finishes answering). */
  public void hang() throws InterruptedException {
    released.await();
  }

  public static void send(
      HttpExchange exchange, int status, Map<String, String> headers, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    released.countDown();
    server.stop(0);
    executor.shutdownNow();
  }
}
