package io.workflowresult.api;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * {@code api.transport=http1} (the default): HTTP/1.1 to the API's one origin over blocking
 * sockets, plain or TLS, on persistent connections. A query takes an idle connection (the one used
 * last) or opens one, writes its request in one write, and reads the answer on its own thread; the
 * connection goes back once the answer's body has been read to its end. There are as many
 * connections as queries were in flight at once (the caller bounds them); one idle longer than the
 * server's {@code Keep-Alive: timeout} (else {@link #DEFAULT_MAX_IDLE_NANOS}) is closed instead of
 * reused.
 *
 * <p>Compared with {@code java.net.http}, a query costs two system calls and no hand-off between
 * threads (README, "API transport"). The deadline ({@code api.timeout}) is the caller's: {@link
 * Exchange} closes the socket when it passes, which ends a connect, handshake, write or read
 * blocked on it.
 *
 * <p>A server may close an idle connection just as it is reused. When a reused connection ends
 * before the first byte of an answer, the query is sent once more on a new connection: a query of a
 * run's result changes nothing on the server. TLS uses the JDK's default {@link SSLContext} ({@code
 * javax.net.ssl.*} properties), checks the server's name as HTTPS does and offers ALPN {@code
 * http/1.1}. No proxy: with one, use {@code api.transport=jdk}.
 */
final class Http1Transport implements Transport {

  /** How long an idle connection is kept when the server does not say ({@code Keep-Alive}). */
  static final long DEFAULT_MAX_IDLE_NANOS = TimeUnit.SECONDS.toNanos(30);

  private final String host;
  private final int port;
  private final SSLSocketFactory tls;
  private final byte[] head;
  private final LongSupplier nanoTime;
  private final ConcurrentLinkedDeque<Http1Connection> idle = new ConcurrentLinkedDeque<>();
  private volatile boolean closed;

  Http1Transport(URI endpoint, String authorization) {
    this(endpoint, authorization, System::nanoTime, null);
  }

  /**
   * @param nanoTime the clock of idle connections
   * @param tls TLS for an {@code https://} endpoint; {@code null}: the JDK's default
   */
  Http1Transport(URI endpoint, String authorization, LongSupplier nanoTime, SSLSocketFactory tls) {
    this.host = endpoint.getHost();
    this.port = WorkflowApiClient.port(endpoint);
    boolean https = "https".equalsIgnoreCase(endpoint.getScheme());
    this.tls = !https ? null : tls != null ? tls : defaultTls();
    this.nanoTime = nanoTime;
    String path =
        endpoint.getRawPath()
            + (endpoint.getRawQuery() == null ? "" : "?" + endpoint.getRawQuery());
    String authority = endpoint.getRawAuthority();
    authority = authority.substring(authority.lastIndexOf('@') + 1);
    this.head =
        ("POST "
                + path
                + " HTTP/1.1\r\nHost: "
                + authority
                + "\r\nAuthorization: "
                + authorization
                + "\r\nContent-Type: application/json\r\nAccept: application/json"
                + "\r\nUser-Agent: workflow-result-processor\r\nContent-Length: ")
            .getBytes(StandardCharsets.ISO_8859_1);
  }

  @Override
  public HttpAnswer post(byte[] body, Exchange exchange) throws IOException {
    byte[] request = request(body);
    Http1Connection reused = takeIdle();
    if (reused != null) {
      try {
        return reused.exchange(request, exchange, true);
      } catch (Http1Connection.StaleException e) {
        // the server had closed it: once more on a new connection
      }
    }
    Http1Connection fresh = open(exchange);
    try {
      return fresh.exchange(request, exchange, false);
    } catch (Http1Connection.StaleException e) {
      throw e.failure();
    }
  }

  /** Closes the idle connections; a connection in use closes when its answer is read. */
  @Override
  public void close() {
    closed = true;
    for (Http1Connection c; (c = idle.pollFirst()) != null; ) {
      c.close();
    }
  }

  /** Connections idle now (for tests). */
  int idleConnections() {
    return idle.size();
  }

  /** Whether the most recently used idle connection could carry a request now (for tests). */
  boolean idleUsable() {
    Http1Connection c = idle.peekFirst();
    return c != null && c.usableAt(nanoTime.getAsLong());
  }

  /** Gives a connection whose answer was read to its end back for the next query. */
  void release(Http1Connection connection) {
    if (closed) {
      connection.close();
      return;
    }
    connection.idleSince(nanoTime.getAsLong());
    idle.offerFirst(connection);
    if (closed && idle.remove(connection)) {
      connection.close();
    }
  }

  private Http1Connection takeIdle() {
    long now = nanoTime.getAsLong();
    for (Http1Connection c; (c = idle.pollFirst()) != null; ) {
      if (c.usableAt(now)) {
        closeExpired(now);
        return c;
      }
      c.close();
    }
    return null;
  }

  /** The least recently used connections are the ones that expire: closes those. */
  private void closeExpired(long now) {
    for (Http1Connection c; (c = idle.peekLast()) != null && !c.usableAt(now); ) {
      if (idle.removeLastOccurrence(c)) {
        c.close();
      }
    }
  }

  private Http1Connection open(Exchange exchange) throws IOException {
    Socket raw = new Socket();
    if (!exchange.closeToAbort(raw)) {
      raw.close();
      throw new IOException("aborted");
    }
    try {
      raw.setTcpNoDelay(true);
      raw.setKeepAlive(true);
      // blocking: the exchange's deadline closes the socket, which ends a connect that hangs
      raw.connect(new InetSocketAddress(host, port));
      Socket socket = tls == null ? raw : handshake(raw);
      return new Http1Connection(this, raw, socket);
    } catch (IOException | RuntimeException e) {
      raw.close();
      throw e;
    }
  }

  private Socket handshake(Socket raw) throws IOException {
    SSLSocket socket = (SSLSocket) tls.createSocket(raw, host, port, true);
    SSLParameters parameters = socket.getSSLParameters();
    parameters.setEndpointIdentificationAlgorithm("HTTPS");
    parameters.setApplicationProtocols(new String[] {"http/1.1"});
    if (!isIpLiteral(host)) {
      // a fully qualified name's trailing dot is no part of the name the server is asked for
      parameters.setServerNames(
          List.of(
              new SNIHostName(host.endsWith(".") ? host.substring(0, host.length() - 1) : host)));
    }
    socket.setSSLParameters(parameters);
    socket.startHandshake();
    return socket;
  }

  private byte[] request(byte[] body) {
    byte[] length = (body.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
    byte[] request = new byte[head.length + length.length + body.length];
    System.arraycopy(head, 0, request, 0, head.length);
    System.arraycopy(length, 0, request, head.length, length.length);
    System.arraycopy(body, 0, request, head.length + length.length, body.length);
    return request;
  }

  /** Writes a whole request at once (one system call for a small one). */
  static void write(OutputStream out, byte[] request) throws IOException {
    out.write(request);
    out.flush();
  }

  private static boolean isIpLiteral(String host) {
    return host.startsWith("[") || host.indexOf(':') >= 0 || host.matches("[0-9.]+");
  }

  private static SSLSocketFactory defaultTls() {
    try {
      return SSLContext.getDefault().getSocketFactory();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JDK has no default TLS context", e);
    }
  }
}
