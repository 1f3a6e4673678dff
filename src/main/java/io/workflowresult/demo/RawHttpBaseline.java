package io.workflowresult.demo;

import io.workflowresult.api.QueryOutcome;
import io.workflowresult.api.WorkflowApiClient;
import io.workflowresult.config.AppConfig;
import io.workflowresult.config.ConfigLoader;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The benchmark's baseline: the raw HTTP limit of an API for this machine. Sends {@code REQUESTS}
 * queries for distinct run IDs with {@code IN_FLIGHT} of them at once, through the service's own
 * API client and nothing else (no Kafka, no routing), as fast as the answers come back, and prints
 * the rate. The pipeline's throughput divided by this rate is what the service costs on top of the
 * HTTP calls it has to make anyway.
 *
 * <p>{@code java -cp workflow-result-processor.jar io.workflowresult.demo.RawHttpBaseline BASE_URL
 * API_KEY REQUESTS IN_FLIGHT ID_PREFIX}
 *
 * <p>Prints one line, e.g. {@code raw HTTP: 20000 requests, 64 in flight, 2.31 s, 8658.0
 * requests/s, answers {terminal=20000}}: answers counted by their kind's label ({@link
 * QueryOutcome.Kind#label()}, {@code client_error} for a call that failed); exit code 1 when an
 * answer was not terminal or failed.
 */
public final class RawHttpBaseline {
  /** What a call that ended without an answer counts as. */
  static final String CLIENT_ERROR = "client_error";

  private RawHttpBaseline() {}

  /** What one baseline measured. */
  record Measurement(int requests, int inFlight, double seconds, Map<String, Long> answers) {
    double perSecond() {
      return requests / seconds;
    }

    boolean allTerminal() {
      return answers.getOrDefault(QueryOutcome.Kind.TERMINAL.label(), 0L) == requests;
    }

    String line() {
      return String.format(
          Locale.ROOT,
          "raw HTTP: %d requests, %d in flight, %.2f s, %.1f requests/s, answers %s",
          requests,
          inFlight,
          seconds,
          perSecond(),
          answers);
    }
  }

  public static void main(String[] args) throws InterruptedException {
    if (args.length != 5) {
      System.err.println("usage: RawHttpBaseline BASE_URL API_KEY REQUESTS IN_FLIGHT ID_PREFIX");
      System.exit(2);
    }
    AppConfig config =
        ConfigLoader.fromMap(
            Map.of(
                "api.base-url", args[0],
                "api.key", args[1],
                "query.max-in-flight", args[3]));
    Measurement m =
        measure(config.api(), Integer.parseInt(args[2]), config.query().maxInFlight(), args[4]);
    System.out.println(m.line());
    System.exit(m.allTerminal() ? 0 : 1);
  }

  /** Queries {@code prefix-0 … prefix-(requests-1)}, {@code inFlight} at a time. */
  static Measurement measure(AppConfig.Api api, int requests, int inFlight, String prefix)
      throws InterruptedException {
    Map<String, LongAdder> answers = new ConcurrentHashMap<>();
    try (WorkflowApiClient client = new WorkflowApiClient(api, Clock.systemUTC())) {
      Semaphore permits = new Semaphore(inFlight);
      CountDownLatch done = new CountDownLatch(requests);
      long start = System.nanoTime();
      for (int i = 0; i < requests; i++) {
        permits.acquire();
        client
            .query(prefix + "-" + i)
            .whenComplete(
                (outcome, error) -> {
                  String kind = outcome != null ? outcome.kind().label() : CLIENT_ERROR;
                  answers.computeIfAbsent(kind, k -> new LongAdder()).increment();
                  permits.release();
                  done.countDown();
                });
      }
      if (!done.await(10, TimeUnit.MINUTES)) {
        throw new IllegalStateException("answers still missing after 10 minutes");
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      Map<String, Long> counts = new TreeMap<>();
      answers.forEach((k, v) -> counts.put(k, v.sum()));
      return new Measurement(requests, inFlight, seconds, counts);
    }
  }
}
