package io.workflowresult.testing.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.workflowresult.testing.KafkaTestCluster;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The verifier reading a real broker: committed records only, duplicates kept, bounded waits. */
class VerifierIT {
  private final String bootstrap = KafkaTestCluster.bootstrapServers();
  private final String results = KafkaTestCluster.unique("results");
  private final String dlq = KafkaTestCluster.unique("dlq");
  private final String totals = KafkaTestCluster.unique("totals");

  @BeforeEach
  void createTopics() throws Exception {
    KafkaTestCluster.createTopics(
        new NewTopic(results, 3, (short) 1), new NewTopic(dlq, 2, (short) 1));
  }

  @Test
  void readsOnlyCommittedRecordsAndCountsDuplicates() {
    JsonNode a = runObject("a", "0.6928");
    JsonNode b = runObject("b", "0.1");
    GroundTruth truth =
        new GroundTruth().result("a", a).result("b", b).deadLetter("unknown-1", "NOT_FOUND");
    try (KafkaProducer<String, String> tx = transactional();
        KafkaProducer<String, String> open = transactional();
        Verifier verifier = verifier(truth)) {
      // Given: committed outputs, one run twice
      tx.beginTransaction();
      tx.send(result("a", a));
      tx.send(result("a", a));
      tx.send(result("b", b));
      tx.send(new ProducerRecord<>(dlq, "unknown-1", deadLetter("unknown-1", "NOT_FOUND")));
      tx.commitTransaction();
      // and an aborted transaction that would be wrong if it were seen
      tx.beginTransaction();
      tx.send(new ProducerRecord<>(dlq, "a", deadLetter("a", "EXPIRED")));
      tx.send(result("ghost", runObject("ghost", "1")));
      tx.abortTransaction();
      // and one still open (the verifier must neither wait for it nor see it)
      open.beginTransaction();
      open.send(result("b", runObject("b", "999")));
      open.flush();

      // When
      VerifierReport report = verifier.awaitAllResolved(Duration.ofSeconds(20));

      // Then
      System.out.println(report);
      report.assertAllCorrect();
      report.assertNoResultAndDeadLetter();
      assertThat(report.duplicateResults()).containsExactly(Map.entry("a", 2));
      assertThat(verifier.observed().resultRecords()).isEqualTo(3);
      open.abortTransaction();
    }
  }

  @Test
  void awaitAllResolvedFailsNamingTheMissingRuns() {
    GroundTruth truth =
        new GroundTruth().result("a", runObject("a", "1")).result("missing-1", runObject("m", "1"));
    try (KafkaProducer<String, String> tx = transactional();
        Verifier verifier = verifier(truth)) {
      tx.beginTransaction();
      tx.send(result("a", runObject("a", "1")));
      tx.commitTransaction();

      long start = System.nanoTime();
      assertThatThrownBy(() -> verifier.awaitAllResolved(Duration.ofSeconds(2)))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("expected all 2 submissions resolved within PT2S, got 1")
          .hasMessageContaining("missing 1: [missing-1]");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }
  }

  @Test
  void picksUpACostTotalsTopicCreatedLater() throws Exception {
    GroundTruth truth = new GroundTruth().result("a", runObject("a", "0.1"));
    truth.result("b", runObject("b", "0.2"));
    try (KafkaProducer<String, String> tx = transactional();
        Verifier verifier = verifier(truth)) {
      assertThat(verifier.verify().lost()).containsExactly("a", "b");
      KafkaTestCluster.createTopics(1, List.of(totals));
      tx.beginTransaction();
      tx.send(result("a", runObject("a", "0.1")));
      tx.send(result("b", runObject("b", "0.2")));
      tx.send(new ProducerRecord<>(totals, "wf-1", total("0.1", 1)));
      tx.send(new ProducerRecord<>(totals, "wf-1", total("0.3", 2)));
      tx.commitTransaction();

      verifier.awaitAllResolved(Duration.ofSeconds(20));
      VerifierReport report = verifier.awaitCostTotalsExact(Duration.ofSeconds(20));

      report.assertCostTotalsExact();
    }
  }

  private Verifier verifier(GroundTruth truth) {
    return Verifier.builder(bootstrap)
        .results(results)
        .deadLetters(dlq)
        .costTotals(totals)
        .truth(truth)
        .build();
  }

  private KafkaProducer<String, String> transactional() {
    KafkaProducer<String, String> p =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                KafkaTestCluster.unique("tx")),
            new StringSerializer(),
            new StringSerializer());
    p.initTransactions();
    return p;
  }

  private ProducerRecord<String, String> result(String runId, JsonNode value) {
    ProducerRecord<String, String> r = new ProducerRecord<>(results, runId, ExactJson.write(value));
    r.headers().add("run.status", value.path("status").asText().getBytes(StandardCharsets.UTF_8));
    return r;
  }

  private static JsonNode runObject(String runId, String cost) {
    return ExactJson.of(
        "{\"workflowId\":\"wf-1\",\"workflowName\":\"todayNews\",\"workflowRunId\":\""
            + runId
            + "\",\"status\":\"SUCCEED\",\"totalCost\":"
            + cost
            + ",\"totalTokens\":1}");
  }

  private static String deadLetter(String runId, String reason) {
    return "{\"v\":1,\"workflowRunId\":\"" + runId + "\",\"reason\":\"" + reason + "\"}";
  }

  private static String total(String cost, int runs) {
    return "{\"v\":1,\"workflowId\":\"wf-1\",\"workflowName\":\"todayNews\",\"runs\":"
        + runs
        + ",\"succeeded\":"
        + runs
        + ",\"failed\":0,\"totalCost\":"
        + cost
        + ",\"totalTokens\":"
        + runs
        + ",\"updatedAt\":1}";
  }
}
