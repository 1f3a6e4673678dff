package io.workflowresult.simulator;

import io.workflowresult.config.Durations;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures the simulator's throughput: {@code REQUESTS} requests, {@code CONCURRENCY} in flight
 * through one shared {@link HttpClient} (as the service sends them), answers of {@code LATENCY}.
 * Prints requests per second; not a test (timing on a shared machine is no assertion).
 *
 * <p>{@code java -cp target/classes:target/test-classes:<deps>
 * io.workflowresult.simulator.SimulatorThroughput 20000 64 0ms}
 */
public final class SimulatorThroughput {
  private SimulatorThroughput() {}

  public static void main(String[] args) throws Exception {
    int requests = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 64;
    Duration latency = Durations.require(args.length > 2 ? args[2] : "0ms");
    if (args.length > 3) {
      measureExternal(URI.create(args[3] + "/v1/workflow/query/result"), requests, concurrency);
      return;
    }
    try (SimulatorServer server =
        SimulatorServer.start(
            SimulatorOptions.builder().latency(latency).runTime(Duration.ZERO).build())) {
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      URI endpoint = URI.create(server.baseUrl() + "/v1/workflow/query/result");
      run(client, endpoint, Math.min(requests, 2_000), concurrency); // warm-up
      server.resetStats();
      long started = System.nanoTime();
      long cpuStarted = processCpuNanos();
      long failures = run(client, endpoint, requests, concurrency);
      double seconds = (System.nanoTime() - started) / 1e9;
      double cpuMicrosPerRequest = (processCpuNanos() - cpuStarted) / 1e3 / requests;
      SimulatorStats stats = server.stats();
      System.out.printf(
          "%d requests, %d in flight, latency %d ms: %.0f requests/s (%.2f s), %d failed,"
              + " %.0f us CPU per request (client and server), simulator max in flight %d,"
              + " by status %s, load average %.1f%n",
          requests,
          concurrency,
          latency.toMillis(),
          requests / seconds,
          seconds,
          failures,
          cpuMicrosPerRequest,
          stats.maxInFlight(),
          stats.byStatus(),
          ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
  }

  /** Against a simulator in another process (e.g. {@code simulate}), to tell its CPU apart. */
  private static void measureExternal(URI endpoint, int requests, int concurrency)
      throws InterruptedException {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    run(client, endpoint, Math.min(requests, 2_000), concurrency);
    long started = System.nanoTime();
    long failures = run(client, endpoint, requests, concurrency);
    double seconds = (System.nanoTime() - started) / 1e9;
    System.out.printf(
        "%d requests, %d in flight: %.0f requests/s (%.2f s), %d failed%n",
        requests, concurrency, requests / seconds, seconds, failures);
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static long run(HttpClient client, URI endpoint, int requests, int concurrency)
      throws InterruptedException {
    Semaphore permits = new Semaphore(concurrency);
    CountDownLatch done = new CountDownLatch(requests);
    AtomicLong failures = new AtomicLong();
    for (int i = 0; i < requests; i++) {
      permits.acquire();
      HttpRequest request =
          HttpRequest.newBuilder(endpoint)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString("{\"workflowRunId\": \"bench-" + i + "\"}"))
              .build();
      client
          .sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
          .whenComplete(
              (response, error) -> {
                if (error != null || response.statusCode() != 200) {
                  failures.incrementAndGet();
                }
                permits.release();
                done.countDown();
              });
    }
    done.await();
    return failures.get();
  }
}
