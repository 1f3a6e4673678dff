package io.workflowresult.api;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * {@code api.transport=jdk}: one shared {@link HttpClient}, HTTP/2 for {@code https://} base URLs
 * and HTTP/1.1 for {@code http://} (where the h2c upgrade breaks some servers), proxies from the
 * JDK's default proxy selector. A blocking {@code send} on the caller's thread, the body read as a
 * stream; an interrupt of that thread aborts it.
 *
 * <p>Not {@code sendAsync}: on JDK 17 it hands every completion to {@code CompletableFuture}'s
 * default async executor, which starts a new thread per task wherever {@code
 * ForkJoinPool.commonPool()} has parallelism 1 (a machine or container with one or two CPUs).
 *
 * <p>The client's own executor runs its tasks inline ({@link #INLINE}): the client hands the work
 * that arrives on its selector thread (reading and parsing an answer, completing the exchange) to
 * that executor, and its default, a cached pool, costs a thread hand-off per answer on top of the
 * one to the waiting sender. The client's tasks never block (the body goes into the stream the
 * sender reads), which is what the JDK asks of an executor that runs them inline.
 */
final class JdkTransport implements Transport {

  /** The HTTP client's executor: its short, non-blocking tasks run on the thread that has them. */
  static final Executor INLINE = Runnable::run;

  private final URI endpoint;
  private final String authorization;
  private final Duration timeout;
  private final HttpClient http;

  JdkTransport(URI endpoint, String authorization, Duration timeout) {
    this.endpoint = endpoint;
    this.authorization = authorization;
    this.timeout = timeout;
    this.http =
        HttpClient.newBuilder()
            .version(
                "http".equalsIgnoreCase(endpoint.getScheme())
                    ? HttpClient.Version.HTTP_1_1
                    : HttpClient.Version.HTTP_2)
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .executor(INLINE)
            .build();
  }

  @Override
  public HttpAnswer post(byte[] body, Exchange exchange) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(endpoint)
            .timeout(timeout)
            .header("Authorization", authorization)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    HttpResponse<InputStream> response = http.send(request, BodyHandlers.ofInputStream());
    return new HttpAnswer(response.statusCode(), response.headers(), response.body());
  }

  @Override
  public void close() {
    // the JDK 17 client has no close: its selector thread ends once the client is unreachable
  }
}
