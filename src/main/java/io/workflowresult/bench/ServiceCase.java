package io.workflowresult.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * One end-to-end case: {@code --runs} run IDs pre-produced to the input topic, then the service
 * started (the command after {@code --}), its process CPU sampled, until every run has a result on
 * the results topic and is counted in the cost totals. Reports the rate from the first to the last
 * result, the CPU in that window per run (start-up apart), the time from each run's first query
 * (the simulator's request log) to its result, and, for a mix that re-queries, how late each
 * re-query came after its delay record's {@code dueAt}.
 */
final class ServiceCase {
  private ServiceCase() {}

  static int run(BenchArgs args) throws Exception {
    String loadStart = ProcFiles.loadAverage();
    BenchKafka kafka = new BenchKafka(args.text("bootstrap"));
    int runs = args.integer("runs");
    String prefix = args.text("prefix");
    kafka.createTopic(args.text("input-topic"), args.integer("partitions", 6));
    kafka.produce(args.text("input-topic"), runs, i -> new String[] {null, prefix + "-" + i});
    Duration timeout = Duration.ofSeconds(args.integer("timeout-s", 300));
    boolean mix = args.text("mix").equals("default");
    Measurements.Case result;
    try (MeasuredProcess service =
        MeasuredProcess.start(args.command(), Path.of(args.text("service-log")))) {
      ResultWatch watch = new ResultWatch(kafka);
      try {
        watch.awaitResults(args.text("results-topic"), runs, timeout, service);
        long totalsAt = watch.awaitTotals(args.text("totals-topic"), runs, Duration.ofSeconds(120));
        long peakRss = service.peakRssMb();
        RequestTimes requests = RequestTimes.parse(SimulatorAdmin.requestLog(args.text("sim-url")));
        Lateness lateness =
            mix ? lateness(kafka, args.text("delay-topic"), requests) : Lateness.NONE;
        result = measured(args, service, watch, totalsAt, peakRss, requests, lateness, loadStart);
      } catch (IllegalStateException e) {
        result = failed(args, e.getMessage(), loadStart);
      }
    }
    Measurements.write(Path.of(args.text("out")), result);
    System.out.println(summary(result));
    return result.error() == null ? 0 : 1;
  }

  private static Measurements.Case measured(
      BenchArgs args,
      MeasuredProcess service,
      ResultWatch watch,
      long totalsAt,
      long peakRssMb,
      RequestTimes requests,
      Lateness lateness,
      String loadStart) {
    long runs = watch.publishedAt().size();
    long first = watch.firstResultAt();
    long last = watch.lastResultAt();
    double seconds = Math.max(last - first, 1) / 1000.0;
    CpuSamples cpu = service.cpu();
    double steadyCpu = cpu.cpuMsBetween(first, last);
    long[] latencies = new long[(int) runs];
    int n = 0;
    for (Map.Entry<String, Long> e : watch.publishedAt().entrySet()) {
      long firstQuery = requests.firstQueryAt(e.getKey());
      if (firstQuery > 0) {
        latencies[n++] = e.getValue() - firstQuery;
      }
    }
    Percentiles latency = Percentiles.of(java.util.Arrays.copyOf(latencies, n));
    return new Measurements.Case(
        "case",
        args.text("name"),
        args.text("protocol"),
        args.text("mix"),
        args.integer("in-flight"),
        args.integer("latency-ms"),
        runs,
        requests.requests(),
        seconds,
        (runs - 1) / seconds,
        requests.requests() / seconds,
        first - service.startedAtMs(),
        cpu.cpuMsAt(first),
        steadyCpu,
        CpuSamples.perRun(steadyCpu, Math.max(runs - 1, 1)),
        totalsAt - last,
        latency.at(50),
        latency.at(99),
        lateness.p99(),
        lateness.max(),
        lateness.count(),
        peakRssMb,
        loadStart,
        ProcFiles.loadAverage(),
        null);
  }

  private static Measurements.Case failed(BenchArgs args, String error, String loadStart) {
    return new Measurements.Case(
        "case",
        args.text("name"),
        args.text("protocol"),
        args.text("mix"),
        args.integer("in-flight"),
        args.integer("latency-ms"),
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        null,
        null,
        null,
        0,
        loadStart,
        ProcFiles.loadAverage(),
        error);
  }

  /** Re-query lateness: p99 and max over every delay record with attempt >= 1. */
  record Lateness(Long p99, Long max, Long count) {
    static final Lateness NONE = new Lateness(null, null, null);
  }

  private static Lateness lateness(BenchKafka kafka, String delayTopic, RequestTimes requests)
      throws InterruptedException {
    List<Long> late = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = kafka.reader()) {
      BenchKafka.assignFromStart(consumer, delayTopic, Duration.ofSeconds(30));
      while (!BenchKafka.atEnd(consumer)) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          JsonNode d = delayRecord(r.value());
          int attempt = d.path("attempt").asInt(-1);
          if (attempt >= 1) {
            OptionalLong l =
                requests.lateness(
                    d.path("workflowRunId").asText(), attempt, d.path("dueAt").asLong());
            l.ifPresent(late::add);
          }
        }
      }
    }
    Percentiles p = Percentiles.of(late.stream().mapToLong(Long::longValue).toArray());
    return new Lateness(p.at(99), p.max(), (long) p.count());
  }

  private static JsonNode delayRecord(byte[] value) {
    try {
      return Measurements.JSON.readTree(value);
    } catch (IOException e) {
      throw new IllegalStateException("a delay record is not JSON", e);
    }
  }

  static String summary(Measurements.Case c) {
    if (c.error() != null) {
      return "bench: case " + c.name() + " FAILED: " + c.error();
    }
    return String.format(
        Locale.ROOT,
        "bench: case %s: %d runs in %.1f s, %.1f runs/s, %.1f requests/s, %.3f ms CPU/run"
            + " (start-up %.1f s CPU), p50/p99 %d/%d ms%s",
        c.name(),
        c.runs(),
        c.seconds(),
        c.runsPerSecond(),
        c.requestsPerSecond(),
        c.steadyCpuMsPerRun(),
        c.startupCpuMs() / 1000,
        c.latencyP50Ms(),
        c.latencyP99Ms(),
        c.requeryLatenessP99Ms() == null
            ? ""
            : ", re-query lateness p99 " + c.requeryLatenessP99Ms() + " ms");
  }
}
