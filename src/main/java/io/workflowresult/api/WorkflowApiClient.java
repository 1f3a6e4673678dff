package io.workflowresult.api;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.workflowresult.config.AppConfig;
import io.workflowresult.config.ConfigException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The workflow API: {@code POST {api.base-url}/v1/workflow/query/result} with {@code Authorization:
 * Bearer <api.key>} and {@code {"workflowRunId": "..."}}, over the {@link Transport} {@code
 * api.transport} names ({@link Http1Transport} by default, {@link JdkTransport}). {@code
 * api.timeout} bounds connecting and the whole exchange, body included. The returned future never
 * completes exceptionally; cancelling it aborts the exchange. Concurrency is the caller's to bound.
 * The API key appears in no log, message or {@code toString}.
 *
 * <p>Each query is one task on the client's own sender threads: a blocking exchange, the body read
 * as a stream and classified by {@link AnswerClassifier}, all on that thread. The sender threads
 * are reused (a cached pool: as many as queries were in flight at once, which the caller bounds;
 * idle ones end after a minute), so a query starts no thread and hands off once.
 */
public final class WorkflowApiClient implements WorkflowApi {

  static final String PATH = "/v1/workflow/query/result";

  private static final Logger log = LoggerFactory.getLogger(WorkflowApiClient.class);
  private static final byte[] BODY_START =
      "{\"workflowRunId\":\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] BODY_END = "\"}".getBytes(StandardCharsets.US_ASCII);

  private final URI endpoint;
  private final String authorization;
  private final Duration timeout;
  private final QueryListener listener;
  private final AnswerClassifier classifier;
  private final Transport transport;
  private final ExecutorService senders;
  private final ScheduledThreadPoolExecutor deadlines;

  public WorkflowApiClient(AppConfig.Api api, Clock clock) {
    this(api, clock, QueryListener.NONE);
  }

  public WorkflowApiClient(AppConfig.Api api, Clock clock, QueryListener listener) {
    this.endpoint = endpoint(api.baseUrl());
    this.authorization = "Bearer " + api.key().reveal();
    this.timeout = api.timeout();
    this.listener = listener;
    this.classifier =
        new AnswerClassifier(
            api.maxPayloadBytes(), api.maxResponseBytes(), authority(endpoint), clock);
    checkKeyFitsInHeader();
    this.transport =
        switch (api.transport()) {
          case HTTP1 -> new Http1Transport(endpoint, authorization);
          case JDK -> new JdkTransport(endpoint, authorization, timeout);
        };
    this.senders = Executors.newCachedThreadPool(daemonThreads("workflow-api-sender-"));
    this.deadlines = new ScheduledThreadPoolExecutor(1, daemonThreads("workflow-api-deadline-"));
    this.deadlines.setRemoveOnCancelPolicy(true);
  }

  @Override
  public CompletableFuture<QueryOutcome> query(String runId) {
    long startedNanos = System.nanoTime();
    CompletableFuture<QueryOutcome> result = new CompletableFuture<>();
    result.whenComplete(
        (outcome, error) -> {
          if (outcome != null) {
            Duration latency = Duration.ofNanos(System.nanoTime() - startedNanos);
            log.debug(
                "run {}: {} (HTTP {}) in {} ms",
                runId,
                outcome.kind().label(),
                outcome.httpStatus(),
                latency.toMillis());
            listener.onOutcome(outcome, latency);
          }
        });
    Exchange exchange = new Exchange(runId, result, classifier);
    try {
      byte[] body = requestBody(runId);
      exchange.abortWhenCancelled();
      exchange.expireAfter(deadlines, timeout);
      senders.execute(() -> exchange.send(transport, body));
    } catch (RejectedExecutionException e) {
      exchange.complete(null, new IOException("the API client is closed"));
    } catch (RuntimeException e) {
      // still an outcome, never an exception
      exchange.complete(null, e);
    }
    return result;
  }

  /** Stops the client's threads; queries still in flight finish or time out first. */
  @Override
  public void close() {
    senders.shutdown();
    deadlines.shutdown();
    transport.close();
  }

  @Override
  public String toString() {
    return "WorkflowApiClient[" + endpoint + ", timeout " + timeout + "]";
  }

  /** {@code {"workflowRunId":"<runId>"}} as UTF-8, the ID escaped as a JSON string. */
  static byte[] requestBody(String runId) {
    byte[] id = JsonStringEncoder.getInstance().quoteAsUTF8(runId);
    byte[] body = new byte[BODY_START.length + id.length + BODY_END.length];
    System.arraycopy(BODY_START, 0, body, 0, BODY_START.length);
    System.arraycopy(id, 0, body, BODY_START.length, id.length);
    System.arraycopy(BODY_END, 0, body, BODY_START.length + id.length, BODY_END.length);
    return body;
  }

  /** Fails at start-up, naming the key but never showing it, when it cannot be sent. */
  private void checkKeyFitsInHeader() {
    // printable ASCII: what both transports can send (java.net.http refuses a subset of the rest)
    if (!authorization.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
      throw new ConfigException(
          "api.key", "api.key contains characters that cannot be sent in an HTTP header");
    }
  }

  /** {@code host:port}, the port the scheme's default when the URL names none. */
  static String authority(URI endpoint) {
    return endpoint.getHost() + ":" + port(endpoint);
  }

  /** The URL's port, else its scheme's default. */
  static int port(URI endpoint) {
    return endpoint.getPort() >= 0
        ? endpoint.getPort()
        : "https".equalsIgnoreCase(endpoint.getScheme()) ? 443 : 80;
  }

  private static URI endpoint(URI baseUrl) {
    String base = baseUrl.toString();
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return URI.create(base + PATH);
  }

  private static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger next = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, prefix + next.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
