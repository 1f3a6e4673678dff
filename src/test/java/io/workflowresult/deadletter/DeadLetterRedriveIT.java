package io.workflowresult.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import io.workflowresult.testing.KafkaTestCluster;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code redrive} against a real broker: with and without {@code --dry-run}. */
class DeadLetterRedriveIT {
  private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

  private final String bootstrap = KafkaTestCluster.bootstrapServers();
  private final String dlq = KafkaTestCluster.unique("dlq");
  private final String results = KafkaTestCluster.unique("results");
  private final String input = KafkaTestCluster.unique("input");
  private DeadLetterRedrive redrive;

  @BeforeEach
  void givenDeadLettersAndOneResult() throws Exception {
    KafkaTestCluster.createTopics(
        new NewTopic(dlq, 3, (short) 1),
        new NewTopic(results, 2, (short) 1),
        new NewTopic(input, 2, (short) 1));
    Map<String, Object> producerSettings =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
            true);
    try (KafkaProducer<String, String> p =
        new KafkaProducer<>(producerSettings, new StringSerializer(), new StringSerializer())) {
      letter(p, "run-1", "NOT_FOUND", NOW.minusSeconds(60));
      letter(p, "run-2", "EXPIRED", NOW.minusSeconds(30));
      letter(p, "run-3", "NOT_FOUND", NOW.minusSeconds(20));
      letter(p, "run-1", "NOT_FOUND", NOW.minusSeconds(10));
      letter(p, "run-old", "RETRIES_EXHAUSTED", NOW.minusSeconds(7200));
      p.send(
          new ProducerRecord<>(
              dlq,
              null,
              "{\"v\":1,\"workflowRunId\":null,\"reason\":\"INVALID_INPUT\",\"input\":\"{oops\","
                  + "\"inputBytes\":5,\"inputSha256\":\"\",\"inputTruncated\":false,"
                  + "\"failedAt\":"
                  + NOW.minusSeconds(5).toEpochMilli()
                  + "}"));
      p.send(new ProducerRecord<>(dlq, "x", "not json"));
      p.send(new ProducerRecord<>(results, "run-3", "{\"status\":\"SUCCEED\"}")).get();
      p.flush();
    }
    redrive =
        new DeadLetterRedrive(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false),
            producerSettings,
            Duration.ofSeconds(20));
  }

  private void letter(KafkaProducer<String, String> p, String runId, String reason, Instant at)
      throws Exception {
    RecordHeaders headers = new RecordHeaders();
    headers.add("traceparent", "00-abc-def-01".getBytes(StandardCharsets.UTF_8));
    headers.add("run.reason", reason.getBytes(StandardCharsets.UTF_8));
    String value =
        "{\"v\":1,\"workflowRunId\":\""
            + runId
            + "\",\"reason\":\""
            + reason
            + "\",\"attempts\":3,\"failedAt\":"
            + at.toEpochMilli()
            + "}";
    p.send(new ProducerRecord<>(dlq, null, runId, value, headers)).get();
  }

  private DeadLetterRedrive.Request request(Set<DeadLetterReason> reasons, boolean dryRun) {
    return new DeadLetterRedrive.Request(
        dlq,
        results,
        input,
        reasons,
        Optional.of(NOW.minusSeconds(3600)),
        Optional.empty(),
        dryRun);
  }

  @Test
  void dryRunReportsWithoutWriting() throws Exception {
    DeadLetterRedrive.Report report = redrive.run(request(Set.of(), true));

    assertThat(report.redriven()).containsExactlyInAnyOrder("run-1", "run-2");
    assertThat(report.deadLettersRead()).isEqualTo(7);
    assertThat(report.alreadyResolved()).isEqualTo(1);
    assertThat(report.duplicates()).isEqualTo(1);
    assertThat(report.outsideRange()).isEqualTo(1);
    assertThat(report.invalidInputNotRequested()).isEqualTo(1);
    assertThat(report.unreadable()).isEqualTo(1);
    assertThat(report.matchedByReason())
        .containsEntry(DeadLetterReason.NOT_FOUND, 3L)
        .containsEntry(DeadLetterReason.EXPIRED, 1L);
    assertThat(readInput(0)).isEmpty();
  }

  @Test
  void redrivesEachUnresolvedRunOnceWithItsHeaders() throws Exception {
    DeadLetterRedrive.Report report = redrive.run(request(Set.of(), false));

    assertThat(report.redriven()).containsExactlyInAnyOrder("run-1", "run-2");
    List<ConsumerRecord<String, String>> sent = readInput(2);
    assertThat(sent).extracting(ConsumerRecord::value).containsExactlyInAnyOrder("run-1", "run-2");
    for (ConsumerRecord<String, String> r : sent) {
      assertThat(r.key()).isEqualTo(r.value());
      assertThat(new String(r.headers().lastHeader("traceparent").value(), StandardCharsets.UTF_8))
          .isEqualTo("00-abc-def-01");
      assertThat(r.headers().lastHeader("run.reason")).as("run.* headers dropped").isNull();
      assertThat(
              new String(r.headers().lastHeader("redrive.source").value(), StandardCharsets.UTF_8))
          .startsWith(dlq + "/");
    }
  }

  @Test
  void invalidInputIsSentBackOnlyWhenNamed() throws Exception {
    DeadLetterRedrive.Report report =
        redrive.run(request(Set.of(DeadLetterReason.INVALID_INPUT), false));

    assertThat(report.redriven()).hasSize(1);
    assertThat(report.otherReason()).isEqualTo(5);
    List<ConsumerRecord<String, String>> sent = readInput(1);
    assertThat(sent.get(0).value()).isEqualTo("{oops");
    assertThat(sent.get(0).key()).isNull();
  }

  private List<ConsumerRecord<String, String>> readInput(int expected) {
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    try (KafkaConsumer<String, String> c =
        new KafkaConsumer<>(
            Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
            new StringDeserializer(),
            new StringDeserializer())) {
      List<TopicPartition> parts =
          List.of(new TopicPartition(input, 0), new TopicPartition(input, 1));
      c.assign(parts);
      c.seekToBeginning(parts);
      long total = c.endOffsets(parts).values().stream().mapToLong(Long::longValue).sum();
      assertThat(total).as("records on the input topic").isEqualTo(expected);
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (records.size() < expected && System.nanoTime() < deadline) {
        c.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    assertThat(records)
        .as("expected %d records, got %d", expected, records.size())
        .hasSize(expected);
    return records;
  }
}
