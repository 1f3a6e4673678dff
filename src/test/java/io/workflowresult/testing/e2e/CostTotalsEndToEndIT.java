package io.workflowresult.testing.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.workflowresult.simulator.SimulatorOptions;
import io.workflowresult.testing.KafkaTestCluster;
import io.workflowresult.testing.ServiceProcess;
import io.workflowresult.testing.verify.ExactJson;
import io.workflowresult.testing.verify.ExpectedOutcome;
import io.workflowresult.testing.verify.GroundTruth;
import io.workflowresult.testing.verify.ObservedOutputs;
import io.workflowresult.testing.verify.OutputReader;
import io.workflowresult.testing.verify.OutputRecord;
import io.workflowresult.testing.verify.Verifier;
import io.workflowresult.testing.verify.VerifierReport;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The aggregator as a process ({@code run --role aggregator}) over a results topic that carries
 * duplicates (as after a crash): the latest {@code workflow-cost-totals} per workflow equals the
 * exact decimal sum, counts and tokens of the distinct runs, and its windows sum to it.
 */
class CostTotalsEndToEndIT {
  private static final List<String> WORKFLOWS =
      List.of("wf-news", "wf-sports", "wf-tech", "wf-tiny");

  @Test
  void latestTotalsEqualTheExactSumOverDistinctRunsDespiteDuplicates() throws Exception {
    try (PipelineFixture f = PipelineFixture.create("costs", SimulatorOptions.builder());
        ServiceProcess aggregator = f.startService("--role", "aggregator")) {
      f.awaitTopic(aggregator, f.topic("results"), Duration.ofSeconds(60));
      GroundTruth truth = new GroundTruth();
      SplittableRandom random = new SplittableRandom(7);
      List<JsonNode> runs = new ArrayList<>();
      for (int i = 0; i < 400; i++) {
        JsonNode run = runObject("run-" + i, random);
        runs.add(run);
        truth.add(new ExpectedOutcome.Result("run-" + i, run));
      }
      int records = 0;
      try (KafkaProducer<String, String> producer = producer(f)) {
        // Given: every run once, a third of them two or three times, interleaved
        for (JsonNode run : runs) {
          records += send(producer, f, run);
        }
        for (int i = 0; i < runs.size(); i += 3) {
          records += send(producer, f, runs.get(i));
          if (i % 2 == 0) {
            records += send(producer, f, runs.get(runs.size() - 1 - i));
          }
        }
        producer.flush();
      }

      try (Verifier verifier = f.costVerifier(truth)) {
        // Then
        VerifierReport report = verifier.awaitCostTotalsExact(Duration.ofSeconds(45));
        System.out.println(records + " result records for " + runs.size() + " runs\n" + report);
        report.assertCostTotalsExact();
        assertThat(report.extraRecords()).as("duplicates on the results topic").isPositive();
        assertWindowsSumToTotals(f, verifier.observed());
        aggregator.assertAlive();
      }
    }
  }

  private static void assertWindowsSumToTotals(PipelineFixture f, ObservedOutputs observed) {
    Map<String, OutputRecord> latestWindows = new HashMap<>();
    try (OutputReader reader =
        new OutputReader(
            f.bootstrap(), Map.of(f.topic("cost-windows"), r -> latestWindows.put(r.key(), r)))) {
      reader.catchUp(Duration.ofSeconds(20));
    }
    Map<String, BigDecimal> costByWorkflow = new TreeMap<>();
    Map<String, Long> runsByWorkflow = new TreeMap<>();
    latestWindows
        .values()
        .forEach(
            r -> {
              JsonNode v = ExactJson.parse(r.value()).orElseThrow();
              String wf = v.path("workflowId").asText();
              costByWorkflow.merge(wf, v.get("totalCost").decimalValue(), BigDecimal::add);
              runsByWorkflow.merge(wf, v.path("runs").asLong(), Long::sum);
            });
    observed
        .latestTotals()
        .forEach(
            (wf, total) -> {
              assertThat(costByWorkflow.get(wf))
                  .as("sum of %s's windows", wf)
                  .isEqualByComparingTo(total.totalCost());
              assertThat(runsByWorkflow.get(wf))
                  .as("runs in %s's windows", wf)
                  .isEqualTo(total.runs());
            });
  }

  private static JsonNode runObject(String runId, SplittableRandom random) {
    String wf = WORKFLOWS.get(random.nextInt(WORKFLOWS.size()));
    // wf-tiny: ten-thousandths only, where binary floating point drifts first
    BigDecimal cost =
        wf.equals("wf-tiny")
            ? new BigDecimal("0.0001")
            : BigDecimal.valueOf(random.nextLong(0, 20_000), 4);
    String status = random.nextDouble() < 0.85 ? "SUCCEED" : "FAILED";
    long end = 1_758_765_331_373L + random.nextLong(0, 3 * 3_600_000L);
    return ExactJson.of(
        "{\"workflowId\":\""
            + wf
            + "\",\"workflowName\":\""
            + wf.substring(3)
            + "\",\"workflowVersion\":\"1.0.1\","
            + "\"workflowRunId\":\""
            + runId
            + "\",\"input\":{\"topic\":\"News\"},\"output\":{},"
            + "\"status\":\""
            + status
            + "\",\"totalCost\":"
            + cost.toPlainString()
            + ",\"totalTokens\":"
            + random.nextLong(50, 8_000)
            + ",\"startTime\":"
            + (end - 5_000)
            + ",\"endTime\":"
            + end
            + "}");
  }

  private static int send(KafkaProducer<String, String> producer, PipelineFixture f, JsonNode run) {
    ProducerRecord<String, String> r =
        new ProducerRecord<>(
            f.topic("results"), run.path("workflowRunId").asText(), ExactJson.write(run));
    r.headers().add("run.status", run.path("status").asText().getBytes(StandardCharsets.UTF_8));
    producer.send(r);
    return 1;
  }

  private static KafkaProducer<String, String> producer(PipelineFixture f) {
    return new KafkaProducer<>(
        KafkaTestCluster.producerSettings(), new StringSerializer(), new StringSerializer());
  }
}
