package io.workflowresult.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The limit: the API driven by the bare {@code java.net.http} client at the service's concurrency,
 * with no Kafka and none of the service's code. {@code --in-flight} threads each send one request
 * at a time (blocking {@code send}, which adds no hand-off to another executor), each for a new run
 * ID, for {@code --warmup-s} and then {@code --seconds}; only answers in the second span count.
 * HTTP/1.1 for {@code http://}, HTTP/2 for {@code https://}.
 */
final class RawLimit {
  private RawLimit() {}

  static int run(BenchArgs args) throws Exception {
    URI endpoint = URI.create(args.text("url") + "/v1/workflow/query/result");
    int inFlight = args.integer("in-flight");
    long warmupMs = args.integer("warmup-s", 2) * 1000L;
    long measureMs = args.integer("seconds", 10) * 1000L;
    String prefix = args.text("prefix");
    String authorization = "Bearer " + args.text("api-key");
    HttpClient client =
        HttpClient.newBuilder()
            .version(
                endpoint.getScheme().equals("https")
                    ? HttpClient.Version.HTTP_2
                    : HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    // one request first: with HTTP/2, requests racing for a first connection each open their own
    client.send(
        HttpRequest.newBuilder(endpoint)
            .header("Authorization", authorization)
            .POST(
                HttpRequest.BodyPublishers.ofString("{\"workflowRunId\":\"" + prefix + "-first\"}"))
            .build(),
        HttpResponse.BodyHandlers.discarding());
    long start = System.nanoTime();
    long measureFrom = start + warmupMs * 1_000_000;
    long end = measureFrom + measureMs * 1_000_000;
    AtomicLong next = new AtomicLong();
    LongAdder counted = new LongAdder();
    Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
    Thread[] workers = new Thread[inFlight];
    for (int i = 0; i < inFlight; i++) {
      workers[i] =
          new Thread(
              () -> {
                while (System.nanoTime() < end) {
                  String body =
                      "{\"workflowRunId\":\"" + prefix + "-" + next.getAndIncrement() + "\"}";
                  HttpRequest request =
                      HttpRequest.newBuilder(endpoint)
                          .timeout(Duration.ofSeconds(30))
                          .header("Authorization", authorization)
                          .header("Content-Type", "application/json")
                          .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                          .build();
                  int status;
                  try {
                    status =
                        client.send(request, HttpResponse.BodyHandlers.ofByteArray()).statusCode();
                  } catch (java.io.IOException e) {
                    status = -1;
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                  }
                  long now = System.nanoTime();
                  if (now >= measureFrom && now < end) {
                    counted.increment();
                    statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
                  }
                }
              },
              "raw-" + i);
      workers[i].start();
    }
    for (Thread worker : workers) {
      worker.join();
    }
    Map<String, Long> byStatus = new TreeMap<>();
    statuses.forEach((s, n) -> byStatus.put(s < 0 ? "io-error" : Integer.toString(s), n.sum()));
    double seconds = measureMs / 1000.0;
    Measurements.Raw raw =
        new Measurements.Raw(
            "raw",
            args.text("protocol"),
            inFlight,
            args.integer("latency-ms"),
            seconds,
            counted.sum(),
            counted.sum() / seconds,
            byStatus,
            ProcFiles.loadAverage());
    Measurements.write(Path.of(args.text("out")), raw);
    System.out.printf(
        java.util.Locale.ROOT,
        "bench: raw %s %d x %d ms: %.1f requests/s %s%n",
        raw.protocol(),
        inFlight,
        raw.latencyMs(),
        raw.requestsPerSecond(),
        byStatus);
    return byStatus.keySet().stream().allMatch("200"::equals) ? 0 : 1;
  }
}
