package io.workflowresult.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.workflowresult.simulator.SimulatorOptions;
import io.workflowresult.testing.KafkaTestCluster;
import io.workflowresult.testing.ServiceProcess;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * Scenario 7, second half: the aggregator alone ({@code --role aggregator}) counting a given number
 * of runs, killed with {@code kill -9} and started again on its {@code state.dir}. Under {@code
 * exactly_once_v2} a crash leaves no checkpoint, so Kafka Streams wipes the local stores and
 * restores them from their changelogs; Kafka 4.4's transactional state stores ({@code
 * enable.transactional.statestores}, KIP-892) keep uncommitted writes out of the store, so the
 * store survives a crash and only the changelog's tail is read. Reports, for each state size, the
 * time from the restart to {@code RUNNING} and to {@code /costs} counting every run again.
 */
class RestoreTimeChaosIT {

  @Test
  void restoreTimeAgainstStateSize() {
    List<Integer> sizes = Chaos.FULL ? List.of(100_000, 1_000_000) : List.of(2_000);
    for (int runs : sizes) {
      measure(runs, false);
    }
    measure(sizes.get(sizes.size() - 1), true);
  }

  private static void measure(int runs, boolean transactional) {
    try (ChaosScenario s =
        ChaosScenario.create(
            "7 restore " + runs + (transactional ? " txn" : ""), SimulatorOptions.builder())) {
      Map<String, String> settings =
          transactional
              ? Map.of("kafka.streams.enable.transactional.statestores", "true")
              : Map.of();
      ServiceProcess p = s.start("agg", settings, "--role", "aggregator");
      s.f.awaitTopic(p, s.f.topic("results"), Duration.ofSeconds(90));
      long produced = System.nanoTime();
      produceResults(s, runs);
      ServiceProbe probe = s.probe("agg");
      awaitCounted(p, probe, runs, Duration.ofSeconds(Chaos.scale(180, 900)));
      long countedMs = Duration.ofNanos(System.nanoTime() - produced).toMillis();

      p.kill9();
      long started = System.nanoTime();
      ServiceProcess again = s.start("agg", settings, "--role", "aggregator");
      long[] running = {-1};
      awaitCounted(again, probe, runs, Duration.ofSeconds(Chaos.scale(180, 900)), running, started);
      long currentMs = Duration.ofNanos(System.nanoTime() - started).toMillis();
      ChaosReport.timing(
          String.format(
              "| restore after kill -9 | %,d runs counted | transactional state stores %s |"
                  + " counted in %.1f s | RUNNING after %.1f s | /costs current after %.1f s |",
              runs,
              transactional ? "on" : "off",
              countedMs / 1000.0,
              Duration.ofNanos(running[0] - started).toMillis() / 1000.0,
              currentMs / 1000.0));
      again.assertAlive();
    }
  }

  /**
   * Results for {@code runs} distinct runs over five workflows, straight onto the results topic.
   * Every send is checked and a failed one sent again: right after the topic is created the broker
   * may refuse batches (a leader not elected yet), and a result dropped here would leave {@code
   * /costs} one run short for good. The producer is not idempotent ({@link
   * KafkaTestCluster#producerSettings}): an idempotent one can be answered out-of-order sequence on
   * a new partition until its delivery timeout, two minutes lost; a copy sent twice is counted
   * once.
   */
  private static void produceResults(ChaosScenario s, int runs) {
    Map<String, Object> settings =
        new HashMap<>(KafkaTestCluster.producerSettings(s.f.bootstrap()));
    settings.put(ProducerConfig.LINGER_MS_CONFIG, "20");
    settings.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
    settings.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    long now = System.currentTimeMillis();
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(settings, new ByteArraySerializer(), new ByteArraySerializer())) {
      List<Integer> toSend = java.util.stream.IntStream.range(0, runs).boxed().toList();
      for (int round = 0; !toSend.isEmpty(); round++) {
        assertThat(round).as("rounds of sending %d results", runs).isLessThan(10);
        Queue<Integer> failed = new ConcurrentLinkedQueue<>();
        for (int i : toSend) {
          producer.send(
              result(s, i, now),
              (metadata, e) -> {
                if (e != null) {
                  failed.add(i);
                }
              });
        }
        producer.flush();
        toSend = List.copyOf(failed);
      }
    }
  }

  private static ProducerRecord<byte[], byte[]> result(ChaosScenario s, int i, long now) {
    String id = "restore-run-" + i;
    String value =
        "{\"workflowRunId\":\""
            + id
            + "\",\"workflowId\":\"wf-"
            + (i % 5)
            + "\",\"workflowName\":\"workflow "
            + (i % 5)
            + "\",\"status\":\"SUCCEED\",\"totalCost\":0."
            + String.format("%04d", i % 10_000)
            + ",\"totalTokens\":"
            + (i % 997)
            + ",\"endTime\":"
            + (now - i)
            + "}";
    return new ProducerRecord<>(
        s.f.topic("results"),
        id.getBytes(StandardCharsets.UTF_8),
        value.getBytes(StandardCharsets.UTF_8));
  }

  private static void awaitCounted(ServiceProcess p, ServiceProbe probe, int runs, Duration max) {
    awaitCounted(p, probe, runs, max, new long[] {-1}, 0);
  }

  private static void awaitCounted(
      ServiceProcess p, ServiceProbe probe, int runs, Duration max, long[] runningAt, long since) {
    await("/costs counting all " + runs + " runs")
        .atMost(max)
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              p.assertAlive();
              if (runningAt[0] < 0
                  && probe.notReady().map(r -> !r.contains("aggregator")).orElse(false)) {
                runningAt[0] = System.nanoTime();
              }
              Optional<Long> counted = probe.countedRuns();
              return counted.isPresent() && counted.get() == runs && runningAt[0] >= 0;
            });
  }
}
