package io.workflowresult.api;

import io.workflowresult.config.AppConfig;
import io.workflowresult.config.Secret;
import io.workflowresult.simulator.SimulatorOptions;
import io.workflowresult.simulator.SimulatorServer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Run by {@link ThreadsPerQueryTest} in a JVM of its own: queries the simulator {@code QUERIES}
 * times with {@code IN_FLIGHT} at once, after a warm-up, and prints how many threads the JVM
 * started meanwhile, the common pool's parallelism, and how many answers were terminal.
 */
public final class ThreadStartProbe {
  private ThreadStartProbe() {}

  public static void main(String[] args) throws Exception {
    int queries = Integer.parseInt(args[0]);
    int inFlight = Integer.parseInt(args[1]);
    try (SimulatorServer simulator =
            SimulatorServer.start(
                SimulatorOptions.builder()
                    .port(0)
                    .apiKey("k")
                    .runTime(Duration.ZERO)
                    .latency(io.workflowresult.simulator.DurationRange.of(Duration.ofMillis(2)))
                    .build());
        WorkflowApiClient client =
            new WorkflowApiClient(
                new AppConfig.Api(
                    URI.create(simulator.baseUrl()),
                    Secret.of("k"),
                    Duration.ofSeconds(30),
                    1 << 20,
                    1 << 26,
                    Duration.ofSeconds(30),
                    Duration.ofHours(1),
                    AppConfig.ApiTransport.valueOf(args[2])),
                Clock.systemUTC())) {
      run(client, "warm", inFlight * 4, inFlight);
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      long before = threads.getTotalStartedThreadCount();
      int terminal = run(client, "probe", queries, inFlight);
      long started = threads.getTotalStartedThreadCount() - before;
      System.out.println(
          "parallelism="
              + ForkJoinPool.getCommonPoolParallelism()
              + " started="
              + started
              + " terminal="
              + terminal);
    }
  }

  private static int run(WorkflowApiClient client, String prefix, int queries, int inFlight)
      throws InterruptedException {
    Semaphore permits = new Semaphore(inFlight);
    CountDownLatch done = new CountDownLatch(queries);
    AtomicInteger terminal = new AtomicInteger();
    for (int i = 0; i < queries; i++) {
      permits.acquire();
      client
          .query(prefix + "-" + i)
          .whenComplete(
              (outcome, error) -> {
                if (outcome instanceof QueryOutcome.Terminal) {
                  terminal.incrementAndGet();
                }
                permits.release();
                done.countDown();
              });
    }
    if (!done.await(2, TimeUnit.MINUTES)) {
      throw new IllegalStateException("answers missing after 2 minutes");
    }
    return terminal.get();
  }
}
