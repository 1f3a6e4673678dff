package io.workflowresult.testing.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.workflowresult.simulator.DurationRange;
import io.workflowresult.simulator.SimulatorOptions;
import io.workflowresult.testing.ServiceProcess;
import io.workflowresult.testing.verify.GroundTruth;
import io.workflowresult.testing.verify.RecordSchemas;
import io.workflowresult.testing.verify.Verifier;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

/**
 * The records the running service writes — delay records, dead letters, cost totals and windows —
 * are valid against their JSON Schemas in schemas/, so that consumers in other languages can
 * generate types from them and the contract cannot drift silently.
 */
class RecordSchemasIT {

  @Test
  void everyRecordOnEveryTopicMatchesItsSchema() {
    try (PipelineFixture f =
        PipelineFixture.create(
            "schemas",
            SimulatorOptions.builder()
                .runTime(new DurationRange(Duration.ZERO, Duration.ofSeconds(2)))
                .latency(Duration.ofMillis(5)))) {
      f.set("poll.initial-delay", "500ms");
      GroundTruth truth = new GroundTruth();
      try (ServiceProcess service = f.startService();
          Verifier verifier = f.costVerifier(truth)) {
        f.awaitInputTopic(service, Duration.ofSeconds(60));

        // Given ordinary runs (some re-delayed), unknown runs and invalid input
        MixedLoadEndToEndIT.ids("run", 20).forEach(id -> f.submit(id, truth));
        MixedLoadEndToEndIT.ids("unknown", 2).forEach(id -> f.submit(id, truth));
        for (byte[] bad :
            List.of(
                "{\"workflowRunId\": 42}".getBytes(StandardCharsets.UTF_8),
                new byte[] {(byte) 0xff})) {
          f.send(bad, null);
          truth.invalidInput(bad);
        }
        f.flush();

        // When every run has ended
        verifier.awaitAllResolved(Duration.ofSeconds(90));
        verifier.awaitCostTotalsExact(Duration.ofSeconds(60));

        // Then every record written matches its schema
        Map<String, String> schemaOf = new LinkedHashMap<>();
        schemaOf.put(f.topic("delay"), RecordSchemas.DELAY);
        schemaOf.put(f.topic("dlq"), RecordSchemas.DEAD_LETTER);
        schemaOf.put(f.topic("cost-totals"), RecordSchemas.COST_TOTALS);
        schemaOf.put(f.topic("cost-windows"), RecordSchemas.COST_WINDOWS);
        Map<String, List<byte[]>> written = readAll(f.bootstrap(), schemaOf.keySet());
        schemaOf.forEach(
            (topic, schema) -> {
              assertThat(written.get(topic)).as("records on %s", topic).isNotEmpty();
              for (byte[] record : written.get(topic)) {
                assertThat(RecordSchemas.violations(schema, record))
                    .as("%s record %s", topic, new String(record, StandardCharsets.UTF_8))
                    .isEmpty();
              }
            });
        service.assertAlive();

        // and what the instance learned, written as it stops, matches its schema too
        assertThat(service.terminate(Duration.ofSeconds(60)).code()).as("exit code").isZero();
        String runStats = f.topic("run-stats");
        List<byte[]> learned = readAll(f.bootstrap(), Set.of(runStats)).get(runStats);
        assertThat(learned).as("records on %s", runStats).isNotEmpty();
        for (byte[] record : learned) {
          assertThat(RecordSchemas.violations(RecordSchemas.RUN_STATS, record))
              .as("%s record %s", runStats, new String(record, StandardCharsets.UTF_8))
              .isEmpty();
        }
      }
    }
  }

  /** Every committed value on {@code topics}, read to the end offsets of now. */
  private static Map<String, List<byte[]>> readAll(String bootstrap, Set<String> topics) {
    Map<String, List<byte[]>> values = new HashMap<>();
    topics.forEach(t -> values.put(t, new ArrayList<>()));
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed"),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          topics.stream()
              .flatMap(
                  t ->
                      consumer.partitionsFor(t, Duration.ofSeconds(30)).stream()
                          .map(p -> new TopicPartition(t, p.partition())))
              .collect(Collectors.toList());
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
        assertThat(System.nanoTime())
            .as("read %s to its end within 60 s", topics)
            .isLessThan(deadline);
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          if (r.value() != null) {
            values.get(r.topic()).add(r.value());
          }
        }
      }
    }
    return values;
  }
}
