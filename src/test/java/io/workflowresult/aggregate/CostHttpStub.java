package io.workflowresult.aggregate;

import com.sun.net.httpserver.HttpServer;
import io.workflowresult.aggregate.query.CostRoutes;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A minimal {@code /costs} endpoint over {@link CostRoutes}, for tests only (the product's HTTP
 * endpoints belong to {@code ops}): lets instances of an integration test ask each other.
 */
final class CostHttpStub implements AutoCloseable {
  private final HttpServer server;

  CostHttpStub(int port, CostRoutes routes) {
    try {
      server = HttpServer.create(new InetSocketAddress("localhost", port), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        CostRoutes.PREFIX,
        exchange -> {
          URI uri = exchange.getRequestURI();
          CostRoutes.Answer answer = routes.answer(uri.getRawPath(), uri.getRawQuery());
          byte[] body = answer.json().getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "application/json");
          exchange.sendResponseHeaders(answer.status(), body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
