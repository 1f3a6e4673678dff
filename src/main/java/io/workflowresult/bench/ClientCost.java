package io.workflowresult.bench;

import io.workflowresult.api.QueryOutcome;
import io.workflowresult.api.WorkflowApiClient;
import io.workflowresult.config.AppConfig;
import io.workflowresult.config.ConfigLoader;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The service's own API client alone, no Kafka: {@code --in-flight} queries kept in flight through
 * {@link WorkflowApiClient} over {@code --transport} ({@code api.transport}), each for a new run
 * ID, for {@code --warmup-s} and then {@code --seconds}. Reports the answers per second and the
 * process's CPU time per answer over the measured span (the client's whole cost per query: the
 * exchange, its threads and reading the answer).
 */
final class ClientCost {
  private ClientCost() {}

  static int run(BenchArgs args) throws Exception {
    String transport = args.text("transport");
    int inFlight = args.integer("in-flight");
    long warmupMs = args.integer("warmup-s", 3) * 1000L;
    long measureMs = args.integer("seconds", 10) * 1000L;
    String prefix = args.text("prefix");
    AppConfig.Api api =
        ConfigLoader.load(
                Optional.empty(),
                Map.of(),
                Map.of(
                    "api.base-url", args.text("url"),
                    "api.key", args.text("api-key"),
                    "api.transport", transport))
            .api();
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    AtomicLong next = new AtomicLong();
    AtomicBoolean measuring = new AtomicBoolean();
    AtomicBoolean stopping = new AtomicBoolean();
    LongAdder answers = new LongAdder();
    LongAdder failures = new LongAdder();
    CountDownLatch stopped = new CountDownLatch(inFlight);
    try (WorkflowApiClient client = new WorkflowApiClient(api, Clock.systemUTC())) {
      for (int i = 0; i < inFlight; i++) {
        new Loop(client, prefix, next, measuring, stopping, answers, failures, stopped).send();
      }
      Thread.sleep(warmupMs);
      long cpuFrom = os.getProcessCpuTime();
      long from = System.nanoTime();
      measuring.set(true);
      Thread.sleep(measureMs);
      measuring.set(false);
      long cpu = os.getProcessCpuTime() - cpuFrom;
      double seconds = (System.nanoTime() - from) / 1e9;
      stopping.set(true);
      stopped.await();
      long n = answers.sum();
      System.out.printf(
          java.util.Locale.ROOT,
          "bench: the API client alone, api.transport=%s, %d in flight: %.0f answers/s,"
              + " %.3f ms CPU per answer (%d answers in %.1f s, %d failed)%n",
          transport,
          inFlight,
          n / seconds,
          n == 0 ? 0.0 : cpu / 1e6 / n,
          n,
          seconds,
          failures.sum());
      return failures.sum() == 0 && n > 0 ? 0 : 1;
    }
  }

  /** One query at a time, the next sent from the completion of the last. */
  private record Loop(
      WorkflowApiClient client,
      String prefix,
      AtomicLong next,
      AtomicBoolean measuring,
      AtomicBoolean stopping,
      LongAdder answers,
      LongAdder failures,
      CountDownLatch stopped) {

    void send() {
      if (stopping.get()) {
        stopped.countDown();
        return;
      }
      client
          .query(prefix + "-" + next.getAndIncrement())
          .thenAccept(
              outcome -> {
                if (measuring.get()) {
                  (outcome instanceof QueryOutcome.Terminal ? answers : failures).increment();
                }
                send();
              });
    }
  }
}
