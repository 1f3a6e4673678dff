package io.workflowresult.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BoundedGetTest {
  private static final int LIMIT = 1024;

  private final CountDownLatch release = new CountDownLatch(1);
  private final BoundedGet get =
      new BoundedGet(Duration.ofSeconds(2), Duration.ofMillis(500), LIMIT);
  private HttpServer server;

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/ok", e -> answer(e, 200, "{\"a\":1}".getBytes(StandardCharsets.UTF_8)));
    server.createContext("/missing", e -> answer(e, 404, new byte[0]));
    server.createContext("/limit", e -> answer(e, 200, new byte[LIMIT]));
    server.createContext("/big", e -> answer(e, 200, new byte[LIMIT + 1]));
    server.createContext(
        "/stalls",
        e -> {
          e.sendResponseHeaders(200, 0);
          OutputStream body = e.getResponseBody();
          body.write("{\"a\":".getBytes(StandardCharsets.UTF_8));
          body.flush();
          awaitRelease();
          e.close();
        });
    server.start();
  }

  @AfterEach
  void stopServer() {
    release.countDown();
    server.stop(0);
  }

  @Test
  void returnsTheStatusAndTheBody() throws Exception {
    BoundedGet.Answer answer = get.get(uri("/ok"));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.text()).isEqualTo("{\"a\":1}");
  }

  @Test
  void anAnswerThatIsNotOkIsAStatusNotAnError() throws Exception {
    assertThat(get.get(uri("/missing")).status()).isEqualTo(404);
  }

  @Test
  void aBodyOfExactlyTheLimitIsRead() throws Exception {
    assertThat(get.get(uri("/limit")).body()).hasSize(LIMIT);
  }

  @Test
  void aBodyPastTheLimitIsRefused() {
    assertThatThrownBy(() -> get.get(uri("/big")))
        .isInstanceOf(BoundedGet.TooLargeException.class)
        .hasMessage("answer body exceeds " + LIMIT + " bytes");
  }

  @Test
  void aBodyThatStallsTimesOutWithinTheTimeout() {
    long start = System.nanoTime();

    assertThatThrownBy(() -> get.get(uri("/stalls"))).isInstanceOf(HttpTimeoutException.class);

    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .as("time until the stalled answer was given up")
        .isLessThan(Duration.ofSeconds(5));
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  private void awaitRelease() {
    try {
      release.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void answer(HttpExchange e, int status, byte[] body) throws IOException {
    e.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      e.getResponseBody().write(body);
    }
    e.close();
  }
}
