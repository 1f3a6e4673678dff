package io.workflowresult.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A blocking {@code GET} of a small answer from one of the service's own HTTP endpoints (another
 * instance's {@code /costs}, the demo reading {@code /metrics}), over one shared {@link
 * HttpClient}. Bounded in every way: {@code connectTimeout} to connect, {@code timeout} for the
 * whole exchange body included, and at most {@code maxBodyBytes} read; HTTP/1.1, no redirects.
 *
 * <p>This is the other HTTP client of the service beside {@link WorkflowApiClient}: the two are
 * kept in this package so that {@code java.net.http} has one home.
 */
public final class BoundedGet {

  /** The status and body of an answer. */
  public record Answer(int status, byte[] body) {
    /** The body as UTF-8 text. */
    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  /** The body was longer than the limit; reading stopped there. */
  public static final class TooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    TooLargeException(long limit) {
      super("answer body exceeds " + limit + " bytes");
    }
  }

  private final HttpClient http;
  private final Duration timeout;
  private final int maxBodyBytes;

  public BoundedGet(Duration connectTimeout, Duration timeout, int maxBodyBytes) {
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.timeout = timeout;
    this.maxBodyBytes = maxBodyBytes;
  }

  /**
   * {@code GET uri} with {@code Accept: application/json}.
   *
   * @throws TooLargeException when the body exceeds the limit
   * @throws HttpTimeoutException when the exchange takes longer than the timeout
   * @throws IOException when the server cannot be reached or the exchange fails
   */
  public Answer get(URI uri) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .header("Accept", "application/json")
            .GET()
            .build();
    CompletableFuture<HttpResponse<byte[]>> sent =
        http.sendAsync(request, info -> new CappedBody(maxBodyBytes));
    try {
      HttpResponse<byte[]> response = sent.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return new Answer(response.statusCode(), response.body());
    } catch (TimeoutException e) {
      sent.cancel(true);
      throw new HttpTimeoutException("no whole answer from " + uri + " within " + timeout);
    } catch (InterruptedException e) {
      sent.cancel(true);
      throw e;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      throw new IOException(cause.toString(), cause);
    }
  }

  /** Collects a body up to a limit and fails, cancelling the rest, past it. */
  private static final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {
    private final CompletableFuture<byte[]> body = new CompletableFuture<>();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final int limit;
    private Flow.Subscription subscription;

    CappedBody(int limit) {
      this.limit = limit;
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
      for (ByteBuffer item : items) {
        if (body.isDone()) {
          return;
        }
        if ((long) bytes.size() + item.remaining() > limit) {
          subscription.cancel();
          body.completeExceptionally(new TooLargeException(limit));
          return;
        }
        byte[] chunk = new byte[item.remaining()];
        item.get(chunk);
        bytes.write(chunk, 0, chunk.length);
      }
    }

    @Override
    public void onError(Throwable error) {
      body.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
      body.complete(bytes.toByteArray());
    }
  }
}
