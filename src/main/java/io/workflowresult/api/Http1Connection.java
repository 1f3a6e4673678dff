package io.workflowresult.api;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One persistent HTTP/1.1 connection of {@link Http1Transport}: writes a request, reads the status
 * line and headers, and hands out the body framed by {@code Content-Length}, {@code chunked}, or
 * the end of the connection. Used by one query at a time.
 */
final class Http1Connection {

  /** The status line and headers of an answer may take this many bytes. */
  static final int MAX_HEAD_BYTES = 64 * 1024;

  /** A body not read to its end is read on (and dropped) up to this much to keep the connection. */
  static final int MAX_DRAIN_BYTES = 64 * 1024;

  private final Http1Transport transport;
  private final Socket raw;
  private final Socket socket;
  private final Input in;
  private final OutputStream out;
  private long maxIdleNanos = Http1Transport.DEFAULT_MAX_IDLE_NANOS;
  private long idleSince;

  /** A reused connection ended before the first byte of an answer. */
  static final class StaleException extends IOException {
    StaleException(IOException cause) {
      super(cause);
    }

    IOException failure() {
      return (IOException) getCause();
    }
  }

  /**
   * @param raw the TCP socket, closed to abort
   * @param socket the socket spoken over: {@code raw}, or TLS over it
   */
  Http1Connection(Http1Transport transport, Socket raw, Socket socket) throws IOException {
    this.transport = transport;
    this.raw = raw;
    this.socket = socket;
    this.in = new Input(socket.getInputStream());
    this.out = socket.getOutputStream();
  }

  /**
   * Sends {@code request} and reads the answer's head.
   *
   * @throws StaleException when {@code reused} and the connection ended before an answer began
   */
  HttpAnswer exchange(byte[] request, Exchange exchange, boolean reused) throws IOException {
    if (!exchange.closeToAbort(raw)) {
      close();
      throw new IOException("aborted");
    }
    boolean answering = false;
    try {
      Http1Transport.write(out, request);
      answering = in.peek() >= 0;
      if (!answering) {
        throw new EOFException("the API closed the connection before answering");
      }
      HttpAnswer answer = answer(exchange);
      if (reused && answer.status() == 408) {
        // "Request Timeout" on a reused connection: the server gave up on it while it was idle
        answering = false;
        throw new IOException("the API timed the idle connection out (408)");
      }
      return answer;
    } catch (IOException e) {
      close();
      if (reused && !answering && !exchange.isAborted()) {
        throw new StaleException(e);
      }
      throw e;
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  void idleSince(long nanos) {
    idleSince = nanos;
  }

  /**
   * Whether it may carry a request at {@code nowNanos}: open, not idle for too long, and nothing
   * arrived while it was idle (a server may say {@code 408} or close TLS before it closes the
   * connection; such bytes are no answer to the next request).
   */
  boolean usableAt(long nowNanos) {
    if (raw.isClosed() || nowNanos - idleSince >= maxIdleNanos || in.buffered()) {
      return false;
    }
    try {
      return raw.getInputStream().available() == 0;
    } catch (IOException e) {
      return false;
    }
  }

  /** Closes it: TLS first, which says so to the server, then the TCP connection. */
  void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // closing: nothing more to do
    }
    try {
      raw.close();
    } catch (IOException e) {
      // closing: nothing more to do
    }
  }

  private HttpAnswer answer(Exchange exchange) throws IOException {
    int budget = MAX_HEAD_BYTES;
    while (true) {
      String statusLine = in.line(budget);
      budget -= statusLine.length() + 2;
      int status = status(statusLine);
      Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      for (String line; !(line = in.line(budget)).isEmpty(); ) {
        budget -= line.length() + 2;
        int colon = line.indexOf(':');
        String name = colon < 0 ? "" : line.substring(0, colon).trim();
        if (name.isEmpty()) {
          throw new IOException("the API's answer has a header line without a name");
        }
        headers
            .computeIfAbsent(name, k -> new ArrayList<>(1))
            .add(line.substring(colon + 1).trim());
      }
      if (status >= 100 && status < 200 && status != 101) {
        continue; // an interim answer (100 Continue, 103 Early Hints): the real one follows
      }
      HttpHeaders head = HttpHeaders.of(headers, (name, value) -> true);
      boolean persistent =
          statusLine.startsWith("HTTP/1.1") && !hasToken(head.allValues("Connection"), "close");
      head.firstValue("Keep-Alive").ifPresent(this::keepAlive);
      return new HttpAnswer(status, head, body(status, head, persistent, exchange));
    }
  }

  private Body body(int status, HttpHeaders head, boolean persistent, Exchange exchange)
      throws IOException {
    if (status == 204 || status == 304) {
      return new Body(Framing.LENGTH, 0, persistent, exchange);
    }
    List<String> length = head.allValues("Content-Length");
    List<String> codings = new ArrayList<>();
    for (String value : head.allValues("Transfer-Encoding")) {
      for (String coding : value.split(",")) {
        if (!coding.isBlank()) {
          codings.add(coding.trim());
        }
      }
    }
    if (!codings.isEmpty()) {
      if (codings.size() != 1 || !codings.get(0).equalsIgnoreCase("chunked")) {
        throw new IOException(
            "the API's answer has a Transfer-Encoding other than chunked: " + codings);
      }
      // with a Content-Length as well, chunked wins, and the connection is not to be trusted again
      return new Body(Framing.CHUNKED, 0, persistent && length.isEmpty(), exchange);
    }
    if (length.isEmpty()) {
      return new Body(Framing.UNTIL_CLOSE, 0, false, exchange);
    }
    long n;
    try {
      n = Long.parseLong(length.get(0).trim());
    } catch (NumberFormatException e) {
      n = -1;
    }
    if (n < 0 || length.stream().anyMatch(v -> !v.trim().equals(length.get(0).trim()))) {
      throw new IOException("the API's answer has an unreadable Content-Length");
    }
    return new Body(Framing.LENGTH, n, persistent, exchange);
  }

  /** {@code Keep-Alive: timeout=N}: the server closes it after N s idle; reuse it for less. */
  private void keepAlive(String value) {
    for (String part : value.split(",")) {
      String p = part.trim();
      if (p.regionMatches(true, 0, "timeout=", 0, 8)) {
        try {
          long seconds = Long.parseLong(p.substring(8).trim());
          maxIdleNanos =
              Math.min(
                  Http1Transport.DEFAULT_MAX_IDLE_NANOS, TimeUnit.SECONDS.toNanos(seconds - 1));
        } catch (NumberFormatException e) {
          // unreadable: keep the default
        }
      }
    }
  }

  private static int status(String line) throws IOException {
    if (!line.startsWith("HTTP/1.") || line.length() < 12 || line.charAt(8) != ' ') {
      throw new IOException("the API's answer is not HTTP/1.x: " + ErrorBody.oneLine(line));
    }
    try {
      return Integer.parseInt(line.substring(9, 12));
    } catch (NumberFormatException e) {
      throw new IOException("the API's answer has no status code: " + ErrorBody.oneLine(line));
    }
  }

  private static boolean hasToken(List<String> values, String token) {
    for (String v : values) {
      for (String t : v.split(",")) {
        if (t.trim().equalsIgnoreCase(token)) {
          return true;
        }
      }
    }
    return false;
  }

  private enum Framing {
    LENGTH,
    CHUNKED,
    UNTIL_CLOSE
  }

  /**
   * The answer's body. Closed at its end, the connection goes back to the transport for the next
   * query; closed before its end, what is left is read and dropped (up to {@link #MAX_DRAIN_BYTES})
   * or the connection closed. Closed from another thread (an abort), the connection is closed.
   */
  private final class Body extends InputStream {
    private final Framing framing;
    private final boolean persistent;
    private final Exchange exchange;
    private final Thread reader = Thread.currentThread();
    private final AtomicBoolean closed = new AtomicBoolean();
    private long remaining; // LENGTH: bytes left; CHUNKED: bytes left in this chunk
    private boolean chunkEndPending;
    private boolean atEnd;

    Body(Framing framing, long length, boolean persistent, Exchange exchange) {
      this.framing = framing;
      this.exchange = exchange;
      this.remaining = length;
      this.persistent = persistent;
      this.atEnd = framing == Framing.LENGTH && length == 0;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (closed.get()) {
        throw new IOException("the answer's body is closed");
      }
      return len == 0 ? 0 : readBody(b, off, len);
    }

    private int readBody(byte[] b, int off, int len) throws IOException {
      if (atEnd) {
        return -1;
      }
      return switch (framing) {
        case LENGTH -> readPart(b, off, len);
        case CHUNKED -> readChunked(b, off, len);
        case UNTIL_CLOSE -> {
          int n = in.read(b, off, len);
          atEnd = n < 0;
          yield n;
        }
      };
    }

    private int readChunked(byte[] b, int off, int len) throws IOException {
      if (remaining == 0) {
        if (chunkEndPending && !in.line(2).isEmpty()) {
          throw new IOException("the API's chunked answer is malformed");
        }
        String size = in.line(1024);
        int semicolon = size.indexOf(';');
        try {
          remaining =
              Long.parseLong((semicolon >= 0 ? size.substring(0, semicolon) : size).trim(), 16);
        } catch (NumberFormatException e) {
          throw new IOException("the API's chunked answer has an unreadable chunk size");
        }
        if (remaining < 0) {
          throw new IOException("the API's chunked answer has an unreadable chunk size");
        }
        if (remaining == 0) {
          int budget = MAX_HEAD_BYTES;
          for (String trailer; !(trailer = in.line(budget)).isEmpty(); ) {
            budget -= trailer.length() + 2;
          }
          atEnd = true;
          return -1;
        }
        chunkEndPending = true;
      }
      return readPart(b, off, len);
    }

    private int readPart(byte[] b, int off, int len) throws IOException {
      int n = in.read(b, off, (int) Math.min(len, remaining));
      if (n < 0) {
        throw new EOFException("the API closed the connection in the middle of an answer");
      }
      remaining -= n;
      if (framing == Framing.LENGTH && remaining == 0) {
        atEnd = true;
      }
      return n;
    }

    @Override
    public void close() {
      if (!closed.compareAndSet(false, true)) {
        return;
      }
      if (Thread.currentThread() == reader
          && persistent
          && !(framing == Framing.LENGTH && remaining > MAX_DRAIN_BYTES)
          && drained()
          && exchange.detach(raw)
          && !raw.isClosed()) {
        transport.release(Http1Connection.this);
      } else {
        Http1Connection.this.close();
      }
    }

    /** Reads what is left of the body, if it is short; true when the body's end was reached. */
    private boolean drained() {
      try {
        byte[] scratch = atEnd ? null : new byte[8192];
        long dropped = 0;
        while (!atEnd && dropped <= MAX_DRAIN_BYTES) {
          int n = readBody(scratch, 0, scratch.length);
          if (n > 0) {
            dropped += n;
          }
        }
        return atEnd;
      } catch (IOException e) {
        return false;
      }
    }
  }

  /** A buffered reader of the socket: lines of the head, and the body's bytes. */
  private static final class Input {
    private final InputStream in;
    private final byte[] buf = new byte[16 * 1024];
    private int pos;
    private int lim;

    Input(InputStream in) {
      this.in = in;
    }

    /** Whether bytes not yet taken are held. */
    boolean buffered() {
      return pos < lim;
    }

    /** The next byte without taking it, or -1 at the end of the connection. */
    int peek() throws IOException {
      if (pos == lim && !fill()) {
        return -1;
      }
      return buf[pos] & 0xff;
    }

    int read(byte[] b, int off, int len) throws IOException {
      if (pos == lim) {
        if (len >= buf.length) {
          return in.read(b, off, len);
        }
        if (!fill()) {
          return -1;
        }
      }
      int n = Math.min(len, lim - pos);
      System.arraycopy(buf, pos, b, off, n);
      pos += n;
      return n;
    }

    /** A line ended by CRLF (or LF), without it, of at most {@code max} bytes. */
    String line(int max) throws IOException {
      StringBuilder line = null;
      while (true) {
        if (pos == lim && !fill()) {
          throw new EOFException("the API closed the connection in the middle of an answer");
        }
        int start = pos;
        while (pos < lim && buf[pos] != '\n') {
          pos++;
        }
        int end = pos;
        boolean found = pos < lim;
        if (found) {
          pos++; // the LF
        }
        int have = (line == null ? 0 : line.length()) + (end - start);
        if (have > max) {
          throw new IOException("the API's answer has a head longer than " + MAX_HEAD_BYTES);
        }
        String part = new String(buf, start, end - start, StandardCharsets.ISO_8859_1);
        if (found && line == null) {
          return stripCr(part);
        }
        line = line == null ? new StringBuilder(part) : line.append(part);
        if (found) {
          return stripCr(line.toString());
        }
      }
    }

    private static String stripCr(String line) {
      return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    private boolean fill() throws IOException {
      int n = in.read(buf, 0, buf.length);
      if (n <= 0) {
        return false;
      }
      pos = 0;
      lim = n;
      return true;
    }
  }
}
