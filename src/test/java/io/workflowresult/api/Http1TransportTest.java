package io.workflowresult.api;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.workflowresult.api.QueryOutcome.TransientKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import javax.net.ServerSocketFactory;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP/1.1 transport on the wire, against a server socket that answers each request with the
 * bytes a test scripts: framing, reuse of connections, a server closing idle ones, interim answers,
 * malformed heads, and TLS with the server's name checked.
 */
class Http1TransportTest {

  private static final String RUN = "{\"workflowRunId\": \"r-1\", \"status\": \"SUCCEED\"}";
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1);
  private ScriptedServer server;
  private Http1Transport transport;

  @AfterEach
  void stop() throws IOException {
    if (transport != null) {
      transport.close();
    }
    if (server != null) {
      server.close();
    }
    timer.shutdownNow();
  }

  @Test
  void reusesOneConnectionForQueriesOneAfterAnother() throws Exception {
    start(request -> ok(RUN));

    for (int i = 0; i < 5; i++) {
      assertThat(query()).isInstanceOf(QueryOutcome.Terminal.class);
    }

    assertThat(server.connections()).as("connections opened for 5 queries").isEqualTo(1);
    assertThat(server.requests()).hasSize(5);
    assertThat(transport.idleConnections()).isEqualTo(1);
  }

  @Test
  void writesTheRequestAsHttp11WithItsLengthAndHeaders() throws Exception {
    start(request -> ok(RUN));

    query();

    String request = server.requests().get(0);
    assertThat(request).startsWith("POST /v1/workflow/query/result HTTP/1.1\r\n");
    assertThat(request).contains("\r\nHost: 127.0.0.1:" + server.port() + "\r\n");
    assertThat(request).contains("\r\nAuthorization: Bearer k\r\n");
    assertThat(request).contains("\r\nContent-Type: application/json\r\n");
    assertThat(request).contains("\r\nContent-Length: 23\r\n");
    assertThat(request).endsWith("\r\n\r\n{\"workflowRunId\":\"r-1\"}");
  }

  @Test
  void readsAChunkedAnswerWithExtensionsAndTrailersAndKeepsTheConnection() throws Exception {
    String half = RUN.substring(0, 20);
    String rest = RUN.substring(20);
    start(
        request ->
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + Integer.toHexString(half.length())
                + ";ext=1\r\n"
                + half
                + "\r\n"
                + Integer.toHexString(rest.length())
                + "\r\n"
                + rest
                + "\r\n0\r\nX-Trailer: t\r\n\r\n");

    assertThat(query()).isInstanceOf(QueryOutcome.Terminal.class);
    assertThat(query()).isInstanceOf(QueryOutcome.Terminal.class);

    assertThat(server.connections()).isEqualTo(1);
  }

  @Test
  void skipsAnInterimAnswer() throws Exception {
    start(request -> "HTTP/1.1 100 Continue\r\n\r\n" + ok(RUN));

    assertThat(query()).isInstanceOf(QueryOutcome.Terminal.class);
  }

  @Test
  void opensANewConnectionAfterConnectionClose() throws Exception {
    start(
        request ->
            "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: "
                + RUN.length()
                + "\r\n\r\n"
                + RUN);

    assertThat(query()).isInstanceOf(QueryOutcome.Terminal.class);
    assertThat(query()).isInstanceOf(QueryOutcome.Terminal.class);

    assertThat(server.connections()).isEqualTo(2);
    assertThat(transport.idleConnections()).isZero();
  }

  @Test
  void readsAnAnswerFramedByTheEndOfTheConnection() throws Exception {
    start(request -> "HTTP/1.1 200 OK\r\n\r\n" + RUN, true);

    assertThat(query()).isInstanceOf(QueryOutcome.Terminal.class);
    assertThat(transport.idleConnections()).as("such a connection is not reused").isZero();
  }

  @Test
  void asksAgainOnANewConnectionWhenTheServerClosedTheIdleOne() throws Exception {
    start(request -> ok(RUN));
    assertThat(query()).isInstanceOf(QueryOutcome.Terminal.class);

    server.closeOpenConnections();
    assertThat(query()).isInstanceOf(QueryOutcome.Terminal.class);

    assertThat(server.connections()).isEqualTo(2);
  }

  @Test
  void closesAConnectionIdleLongerThanTheServerKeepsIt() throws Exception {
    start(
        request ->
            "HTTP/1.1 200 OK\r\nKeep-Alive: timeout=5, max=100\r\nContent-Length: "
                + RUN.length()
                + "\r\n\r\n"
                + RUN);
    query();
    nanos.addAndGet(TimeUnit.SECONDS.toNanos(3));
    query();
    assertThat(server.connections()).as("reused after 3 s idle").isEqualTo(1);

    nanos.addAndGet(TimeUnit.SECONDS.toNanos(4));
    query();

    assertThat(server.connections()).as("not reused after 4 s idle of 5 allowed").isEqualTo(2);
  }

  @Test
  void dropsTheShortRestOfABodyToKeepTheConnection() throws Exception {
    String notFound =
        "{\"error\": {\"code\": \"RUN_NOT_FOUND\", \"message\": \"no\"}}" + " ".repeat(500);
    start(
        request ->
            "HTTP/1.1 404 Not Found\r\nContent-Length: "
                + notFound.length()
                + "\r\n\r\n"
                + notFound);

    assertThat(query()).isInstanceOf(QueryOutcome.NotFound.class);
    assertThat(query()).isInstanceOf(QueryOutcome.NotFound.class);

    assertThat(server.connections()).isEqualTo(1);
  }

  @Test
  void doesNotTakeWhatAServerSentOnAnIdleConnectionForAnAnswer() throws Exception {
    // some servers say 408 on a keep-alive connection they are about to close
    start(request -> ok(RUN) + "HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n");
    assertThat(query()).isInstanceOf(QueryOutcome.Terminal.class);
    awaitIdleBytes();

    assertThat(query()).isInstanceOf(QueryOutcome.Terminal.class);

    assertThat(server.connections()).isEqualTo(2);
  }

  @Test
  void asksAgainOnANewConnectionWhenAReusedOneAnswers408() throws Exception {
    AtomicInteger seen = new AtomicInteger();
    start(
        request ->
            seen.incrementAndGet() == 2
                ? "HTTP/1.1 408 Request Timeout\r\nContent-Length: 0\r\n\r\n"
                : ok(RUN));
    assertThat(query()).isInstanceOf(QueryOutcome.Terminal.class);

    assertThat(query()).isInstanceOf(QueryOutcome.Terminal.class);

    assertThat(server.requests()).hasSize(3);
    assertThat(server.connections()).isEqualTo(2);
  }

  @Test
  void aTransferEncodingOtherThanChunkedIsAnIoError() throws Exception {
    start(request -> "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n");

    QueryOutcome outcome = query();

    assertThat(((QueryOutcome.Transient) outcome).failure()).isEqualTo(TransientKind.IO_ERROR);
    assertThat(((QueryOutcome.Transient) outcome).detail()).contains("Transfer-Encoding");
  }

  @Test
  void chunkedWithAContentLengthIsReadAsChunkedAndTheConnectionNotReused() throws Exception {
    start(
        request ->
            "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n"
                + Integer.toHexString(RUN.length())
                + "\r\n"
                + RUN
                + "\r\n0\r\n\r\n");

    assertThat(query()).isInstanceOf(QueryOutcome.Terminal.class);
    assertThat(query()).isInstanceOf(QueryOutcome.Terminal.class);

    assertThat(server.connections()).isEqualTo(2);
  }

  @Test
  void anHttp10AnswerIsReadAndItsConnectionNotReused() throws Exception {
    start(request -> "HTTP/1.0 200 OK\r\nContent-Length: " + RUN.length() + "\r\n\r\n" + RUN);

    assertThat(query()).isInstanceOf(QueryOutcome.Terminal.class);
    assertThat(query()).isInstanceOf(QueryOutcome.Terminal.class);

    assertThat(server.connections()).isEqualTo(2);
  }

  @Test
  void aNoContentAnswerHasNoBodyAndKeepsTheConnection() throws Exception {
    start(request -> "HTTP/1.1 204 No Content\r\n\r\n");

    QueryOutcome first = query();
    query();

    assertThat(first).isNotInstanceOf(QueryOutcome.Terminal.class);
    assertThat(server.connections()).isEqualTo(1);
  }

  @Test
  void theDeadlineClosesAConnectionWaitingForAnAnswerAndTheNextQueryOpensAnother()
      throws Exception {
    AtomicInteger seen = new AtomicInteger();
    start(request -> seen.incrementAndGet() == 1 ? "" : ok(RUN));

    QueryOutcome first = query(Duration.ofMillis(300));

    assertThat(((QueryOutcome.Transient) first).failure()).isEqualTo(TransientKind.TIMEOUT);
    assertThat(transport.idleConnections()).isZero();
    assertThat(query()).isInstanceOf(QueryOutcome.Terminal.class);
    assertThat(server.connections()).isEqualTo(2);
  }

  @Test
  void aHeadPastItsLimitIsAnIoError() throws Exception {
    start(
        request ->
            "HTTP/1.1 200 OK\r\nX-Big: "
                + "a".repeat(Http1Connection.MAX_HEAD_BYTES)
                + "\r\nContent-Length: 2\r\n\r\n{}");

    QueryOutcome outcome = query();

    assertThat(outcome).isInstanceOf(QueryOutcome.Transient.class);
    assertThat(((QueryOutcome.Transient) outcome).failure()).isEqualTo(TransientKind.IO_ERROR);
    assertThat(((QueryOutcome.Transient) outcome).detail()).contains("head longer than");
  }

  @Test
  void anAnswerThatIsNotHttpIsAnIoError() throws Exception {
    start(request -> "SSH-2.0-OpenSSH\r\n\r\n");

    QueryOutcome outcome = query();

    assertThat(((QueryOutcome.Transient) outcome).failure()).isEqualTo(TransientKind.IO_ERROR);
    assertThat(((QueryOutcome.Transient) outcome).detail()).contains("not HTTP/1.x");
  }

  @Test
  void aConnectionClosedInTheMiddleOfABodyIsAnIoErrorAndNotAskedAgain() throws Exception {
    start(request -> "HTTP/1.1 200 OK\r\nContent-Length: 500\r\n\r\n{\"workflowRunId\"", true);

    QueryOutcome outcome = query();

    assertThat(((QueryOutcome.Transient) outcome).failure()).isEqualTo(TransientKind.IO_ERROR);
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void speaksTlsAndChecksTheServersName(@TempDir Path dir) throws Exception {
    SSLContext server127 = tlsContext(dir, "good", "ip:127.0.0.1");
    server = new ScriptedServer(server127.getServerSocketFactory(), request -> ok(RUN), false);
    transport =
        new Http1Transport(
            URI.create("https://127.0.0.1:" + server.port() + WorkflowApiClient.PATH),
            "Bearer k",
            nanos::get,
            server127.getSocketFactory());

    assertThat(query()).isInstanceOf(QueryOutcome.Terminal.class);
    assertThat(query()).isInstanceOf(QueryOutcome.Terminal.class);
    assertThat(server.connections()).isEqualTo(1);
  }

  @Test
  void refusesATlsServerWhoseCertificateNamesAnotherHost(@TempDir Path dir) throws Exception {
    SSLContext other = tlsContext(dir, "other", "dns:api.example.com");
    server = new ScriptedServer(other.getServerSocketFactory(), request -> ok(RUN), false);
    transport =
        new Http1Transport(
            URI.create("https://127.0.0.1:" + server.port() + WorkflowApiClient.PATH),
            "Bearer k",
            nanos::get,
            other.getSocketFactory());

    QueryOutcome outcome = query();

    assertThat(((QueryOutcome.Transient) outcome).failure()).isEqualTo(TransientKind.IO_ERROR);
    assertThat(server.requests()).as("nothing sent to a server not named").isEmpty();
  }

  private void start(Function<String, String> answer) throws IOException {
    start(answer, false);
  }

  private void start(Function<String, String> answer, boolean closeAfterAnswer) throws IOException {
    server = new ScriptedServer(ServerSocketFactory.getDefault(), answer, closeAfterAnswer);
    transport =
        new Http1Transport(
            URI.create("http://127.0.0.1:" + server.port() + WorkflowApiClient.PATH),
            "Bearer k",
            nanos::get,
            null);
  }

  private QueryOutcome query() throws Exception {
    return query(Duration.ofSeconds(10));
  }

  private QueryOutcome query(Duration timeout) throws Exception {
    CompletableFuture<QueryOutcome> result = new CompletableFuture<>();
    AnswerClassifier classifier =
        new AnswerClassifier(1 << 20, 1 << 20, "127.0.0.1:" + server.port(), Clock.systemUTC());
    Exchange exchange = new Exchange("r-1", result, classifier);
    exchange.expireAfter(timer, timeout);
    exchange.send(transport, WorkflowApiClient.requestBody("r-1"));
    return result.get(15, TimeUnit.SECONDS);
  }

  /** Waits (bounded) until the bytes the server sent after its answer have arrived. */
  private void awaitIdleBytes() throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (transport.idleConnections() == 1
        && transport.idleUsable()
        && System.nanoTime() < until) {
      Thread.onSpinWait();
    }
    assertThat(transport.idleUsable())
        .as("the idle connection shows the bytes sent on it")
        .isFalse();
  }

  private static String ok(String body) {
    return "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
        + body.getBytes(UTF_8).length
        + "\r\n\r\n"
        + body;
  }

  /** A key pair and self-signed certificate for {@code san}, made by keytool; trusted as well. */
  private static SSLContext tlsContext(Path dir, String name, String san) throws Exception {
    Path store = dir.resolve(name + ".p12");
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process p =
        new ProcessBuilder(
                keytool.toString(),
                "-genkeypair",
                "-alias",
                name,
                "-keyalg",
                "EC",
                "-validity",
                "2",
                "-dname",
                "CN=" + name,
                "-ext",
                "SAN=" + san,
                "-keystore",
                store.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                "pass123")
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("keytool finished").isTrue();
    assertThat(p.exitValue()).as("keytool: %s", out).isZero();
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      keys.load(in, "pass123".toCharArray());
    }
    KeyManagerFactory km = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    km.init(keys, "pass123".toCharArray());
    TrustManagerFactory tm =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tm.init(keys);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(km.getKeyManagers(), tm.getTrustManagers(), null);
    return context;
  }

  /**
   * Accepts connections and answers each request (read up to the end of its body by its {@code
   * Content-Length}) with the scripted bytes.
   */
  private static final class ScriptedServer implements AutoCloseable {
    private final ServerSocket socket;
    private final Function<String, String> answer;
    private final boolean closeAfterAnswer;
    private final AtomicInteger connections = new AtomicInteger();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final BlockingQueue<Socket> open = new LinkedBlockingQueue<>();
    private final Thread acceptor;

    ScriptedServer(ServerSocketFactory factory, Function<String, String> answer, boolean close)
        throws IOException {
      this.socket = factory.createServerSocket(0);
      this.answer = answer;
      this.closeAfterAnswer = close;
      this.acceptor = new Thread(this::accept, "scripted-server");
      acceptor.setDaemon(true);
      acceptor.start();
    }

    int port() {
      return socket.getLocalPort();
    }

    int connections() {
      return connections.get();
    }

    List<String> requests() {
      return requests;
    }

    void closeOpenConnections() throws IOException {
      List<Socket> all = new ArrayList<>();
      open.drainTo(all);
      for (Socket s : all) {
        s.close();
      }
    }

    private void accept() {
      while (!socket.isClosed()) {
        try {
          Socket s = socket.accept();
          connections.incrementAndGet();
          open.add(s);
          Thread t = new Thread(() -> serve(s), "scripted-connection");
          t.setDaemon(true);
          t.start();
        } catch (IOException e) {
          return;
        }
      }
    }

    private void serve(Socket s) {
      try (s;
          InputStream in = s.getInputStream();
          OutputStream out = s.getOutputStream()) {
        while (true) {
          String request = readRequest(in);
          if (request == null) {
            return;
          }
          requests.add(request);
          out.write(answer.apply(request).getBytes(ISO_8859_1));
          out.flush();
          if (closeAfterAnswer) {
            return;
          }
        }
      } catch (IOException e) {
        // the client or the test closed it
      }
    }

    private static String readRequest(InputStream in) throws IOException {
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      int b;
      while ((b = in.read()) >= 0) {
        head.write(b);
        String text = head.toString(ISO_8859_1);
        if (text.endsWith("\r\n\r\n")) {
          int at = text.toLowerCase().indexOf("content-length: ");
          int length =
              at < 0 ? 0 : Integer.parseInt(text.substring(at + 16, text.indexOf('\r', at)).trim());
          return text + new String(in.readNBytes(length), ISO_8859_1);
        }
      }
      return null;
    }

    @Override
    public void close() throws IOException {
      socket.close();
      closeOpenConnections();
    }
  }
}
