package io.workflowresult.resolver.politeness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.workflowresult.pipeline.IntakeAndResolver;
import io.workflowresult.resolver.ResolverMetrics;
import io.workflowresult.simulator.LoggedRequest;
import io.workflowresult.simulator.SimulatorOptions;
import io.workflowresult.testing.verify.Verifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

/**
 * A backlog of a million new run IDs on the input topic while runs wait for their re-queries: each
 * re-query still reaches the API within 250 ms of its due time (p99), measured as the simulator's
 * arrival time minus the {@code dueAt} of the delay record it answers, over 40 s of the backlog
 * being worked off; and intake takes the backlog in at the resolver's pace instead of flooding the
 * delay topic.
 */
class DueWorkFirstIT {
  private static final int BACKLOG = 1_000_000;
  private static final Duration MEASURED = Duration.ofSeconds(40);
  private static final int WAITING = 40;
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aLargeNewInputBacklogDoesNotDelayDueReQueries() throws Exception {
    try (PolitenessFixture f =
            new PolitenessFixture(
                "backlog",
                SimulatorOptions.builder().apiKey(PolitenessFixture.KEY).runTime(Duration.ZERO),
                Map.of("query.max-in-flight", "8"));
        IntakeAndResolver service = f.start(ResolverMetrics.NOOP);
        Verifier verifier = f.verifier()) {
      // Given: runs that stay PENDING, so they are re-queried on schedule throughout
      List<String> waiting = f.ids("pending", WAITING);
      f.submitUntracked(waiting);
      await("re-queries under way")
          .atMost(Duration.ofSeconds(30))
          .until(() -> waiting.stream().allMatch(id -> requests(f, id) >= 2));

      List<String> sample = f.ids("sample", 100);
      f.submit(sample);

      // When: a million new IDs arrive at once
      long backlogStart = System.currentTimeMillis();
      f.submitUntracked(f.ids("backlog", BACKLOG));
      long produced = System.currentTimeMillis();
      long measuredEnd = backlogStart + MEASURED.toMillis();
      await("the measured span of the backlog")
          .atMost(MEASURED.plusSeconds(10))
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> System.currentTimeMillis() >= measuredEnd && service.isRunning());
      long resolvedMeanwhile =
          f.log().stream()
              .filter(r -> r.runId() != null && r.runId().startsWith("backlog-"))
              .filter(r -> r.arrivedAtMs() <= measuredEnd && terminal(r.runStatus()))
              .count();
      DelayTopic delay = readDelayTopic(f);
      long onDelayTopic = delay.records();

      // Then: every re-query during the backlog came within 250 ms of its due time (p99)
      Map<String, Map<Integer, Long>> dueAt = delay.dueAtOfWaitingRuns();
      Map<String, List<LoggedRequest>> byRun =
          f.log().stream()
              .filter(r -> r.runId() != null && r.runId().startsWith("pending-"))
              .collect(Collectors.groupingBy(LoggedRequest::runId));
      List<Long> lateness = new ArrayList<>();
      byRun.forEach(
          (id, requests) -> {
            for (int attempt = 1; attempt < requests.size(); attempt++) {
              long arrived = requests.get(attempt).arrivedAtMs();
              Long due = dueAt.getOrDefault(id, Map.of()).get(attempt);
              if (due != null && arrived >= backlogStart && arrived <= measuredEnd) {
                lateness.add(arrived - due);
              }
            }
          });
      lateness.sort(Long::compare);
      assertThat(lateness).as("re-queries during the backlog").hasSizeGreaterThan(100);
      long p50 = RequestTiming.percentile(lateness, 0.50);
      long p99 = RequestTiming.percentile(lateness, 0.99);
      long early = lateness.stream().filter(l -> l < 0).count();
      System.out.printf(
          "backlog of %d produced in %d ms; in the %d s measured, %d backlog runs were resolved and the"
              + " delay topic held %d records; %d re-queries meanwhile, lateness p50 %d ms, p99 %d"
              + " ms, max %d ms, %d early (target p99 250 ms)%n",
          BACKLOG,
          produced - backlogStart,
          MEASURED.toSeconds(),
          resolvedMeanwhile,
          onDelayTopic,
          lateness.size(),
          p50,
          p99,
          lateness.get(lateness.size() - 1),
          early);
      assertThat(early).as("re-queries before their due time").isZero();
      assertThat(p99).as("p99 lateness of re-queries (ms)").isLessThanOrEqualTo(250);
      assertThat(resolvedMeanwhile).as("backlog runs resolved meanwhile").isGreaterThan(1_000);
      assertThat(onDelayTopic)
          .as("delay-topic records: intake follows the resolver, it does not forward the backlog")
          .isLessThan(BACKLOG / 5);
      // the sample came before the backlog on its input partitions: resolved soon after, if not yet
      verifier.awaitAllResolved(Duration.ofSeconds(60));
      var report = verifier.verify(f.truthSource.refreshed(f.truth));
      assertThat(report.lost()).isEmpty();
      assertThat(report.wrongOutcomes()).isEmpty();
      assertThat(report.payloadChanged()).isEmpty();
      assertThat(verifier.observed().deadLetters()).as("dead letters").isEmpty();
    }
  }

  private static boolean terminal(String status) {
    return "SUCCEED".equals(status) || "FAILED".equals(status);
  }

  private static long requests(PolitenessFixture f, String id) {
    return f.log().stream().filter(r -> id.equals(r.runId())).count();
  }

  /** What the delay topic holds: its record count, and the waiting runs' due times. */
  private record DelayTopic(long records, Map<String, Map<Integer, Long>> dueAtOfWaitingRuns) {}

  /** Reads the delay topic: {@code dueAt} of every delay record of the waiting runs, by attempt. */
  private static DelayTopic readDelayTopic(PolitenessFixture f) throws Exception {
    Map<String, Map<Integer, Long>> due = new HashMap<>();
    long records;
    try (KafkaConsumer<byte[], byte[]> c =
        new KafkaConsumer<>(
            Map.of("bootstrap.servers", f.bootstrap),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
      List<TopicPartition> tps =
          c.partitionsFor(f.topic("delay")).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      c.assign(tps);
      c.seekToBeginning(tps);
      Map<TopicPartition, Long> end = c.endOffsets(tps);
      records = end.values().stream().mapToLong(Long::longValue).sum();
      long deadline = System.currentTimeMillis() + 30_000;
      while (tps.stream().anyMatch(tp -> c.position(tp) < end.get(tp))
          && System.currentTimeMillis() < deadline) {
        for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) {
          JsonNode v = JSON.readTree(r.value());
          String id = v.path("workflowRunId").asText();
          if (id.startsWith("pending-")) {
            due.computeIfAbsent(id, k -> new HashMap<>())
                .put(v.path("attempt").asInt(), v.path("dueAt").asLong());
          }
        }
      }
    }
    return new DelayTopic(records, due);
  }
}
