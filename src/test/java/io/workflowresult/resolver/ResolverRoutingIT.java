package io.workflowresult.resolver;

import static io.workflowresult.resolver.ResolverFixture.header;
import static io.workflowresult.resolver.ResolverFixture.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.workflowresult.deadletter.DeadLetter;
import io.workflowresult.deadletter.DeadLetterReason;
import io.workflowresult.kafka.RunHeaders;
import io.workflowresult.pipeline.IntakeAndResolver;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

/** Every routing path end to end on a real broker, with a scripted API. */
class ResolverRoutingIT {

  @Test
  void mixedLoadEndsOnTheRightTopicWithTheRightReason() throws Exception {
    try (ResolverFixture fx =
            new ResolverFixture(
                3,
                Map.of(
                    "query.max-in-flight", "3",
                    "poll.max-age", "5s",
                    "poll.not-found-retries", "2",
                    "retry.max-attempts", "3"));
        ScriptedApi api = new ScriptedApi(40)) {
      // Given a mix of runs, duplicates and bad input
      Map<String, String> expected = new HashMap<>();
      for (int i = 0; i < 12; i++) {
        expected.put("done-" + i, "SUCCEED");
      }
      expected.put("failed-1", "FAILED");
      expected.put("pending2-1", "SUCCEED");
      expected.put("pending2-2", "SUCCEED");
      Map<String, String> reasons =
          Map.of(
              "unknown-1", "NOT_FOUND",
              "malformed-1", "MALFORMED_RESPONSE",
              "weird-1", "UNEXPECTED_STATUS",
              "huge-1", "RESULT_TOO_LARGE",
              "flaky-1", "RETRIES_EXHAUSTED",
              "forever-1", "EXPIRED");
      RecordHeaders trace = new RecordHeaders();
      trace.add("traceparent", "00-trace-01".getBytes(StandardCharsets.UTF_8));
      fx.submit(
          "{\"workflowRunId\":\"done-0\",\"note\":1}".getBytes(StandardCharsets.UTF_8), trace);
      for (String id : expected.keySet()) {
        if (!id.equals("done-0")) {
          fx.submit(id);
        }
      }
      reasons.keySet().forEach(fx::submit);
      fx.submit("pending2-1"); // a duplicate of a run that will be waiting
      fx.submit(" pending2-1 ");
      List<String> bad = List.of("", "   ", "{\"workflowRunId\":", "[\"x\"]", "r".repeat(257));
      bad.forEach(fx::submit);
      fx.submit(new byte[] {(byte) 0xC3, 0x28}, new RecordHeaders());
      fx.submit((byte[]) null, new RecordHeaders());
      fx.submit("denied-1");

      // When the service runs
      IntakeAndResolver service = fx.start(api);
      try {
        // Then every run ends with its outcome
        await("results and dead letters")
            .atMost(Duration.ofSeconds(20))
            .pollInterval(Duration.ofMillis(200))
            .until(
                () ->
                    distinctKeys(fx.read(fx.results)).size() >= expected.size()
                        && fx.read(fx.dlq).size() >= reasons.size() + bad.size() + 2);
        List<ConsumerRecord<String, byte[]>> results = fx.read(fx.results);
        assertThat(distinctKeys(results)).containsExactlyInAnyOrderElementsOf(expected.keySet());
        for (ConsumerRecord<String, byte[]> r : results) {
          assertThat(r.value())
              .as("result of %s unchanged", r.key())
              .isEqualTo(ScriptedApi.runObject(r.key(), expected.get(r.key())));
          assertThat(header(r, RunHeaders.STATUS)).isEqualTo(expected.get(r.key()));
          assertThat(header(r, RunHeaders.SOURCE)).startsWith(fx.input + "/");
          assertThat(header(r, RunHeaders.FIRST_SEEN)).matches("\\d+");
        }
        ConsumerRecord<String, byte[]> traced =
            results.stream().filter(r -> r.key().equals("done-0")).findFirst().orElseThrow();
        assertThat(header(traced, "traceparent")).isEqualTo("00-trace-01");
        ConsumerRecord<String, byte[]> pending =
            results.stream().filter(r -> r.key().equals("pending2-1")).findFirst().orElseThrow();
        assertThat(header(pending, RunHeaders.ATTEMPT)).isEqualTo("3");

        List<ConsumerRecord<String, byte[]>> dead = fx.read(fx.dlq);
        Map<String, String> reasonByRun =
            dead.stream()
                .filter(r -> r.key() != null)
                .collect(
                    Collectors.toMap(
                        ConsumerRecord::key, r -> header(r, RunHeaders.REASON), (a, b) -> a));
        assertThat(reasonByRun).isEqualTo(reasons);
        List<DeadLetter> invalid =
            dead.stream()
                .filter(r -> r.key() == null)
                .map(r -> DeadLetter.fromJson(r.value()).orElseThrow())
                .toList();
        assertThat(invalid).hasSize(bad.size() + 2);
        assertThat(invalid)
            .allSatisfy(d -> assertThat(d.reason()).isEqualTo(DeadLetterReason.INVALID_INPUT));
        assertThat(invalid).anySatisfy(d -> assertThat(d.inputEncoding()).isEqualTo("base64"));
        DeadLetter notFound =
            dead.stream()
                .filter(r -> "unknown-1".equals(r.key()))
                .map(r -> DeadLetter.fromJson(r.value()).orElseThrow())
                .findFirst()
                .orElseThrow();
        assertThat(notFound.httpStatus()).isEqualTo(404);
        assertThat(notFound.attempts()).isEqualTo(3);
        assertThat(notFound.errorBody()).contains("404");
        assertThat(api.requests("unknown-1")).isEqualTo(3);
        assertThat(api.requests("flaky-1")).isEqualTo(3);

        // the refused key is never dead-lettered; it keeps being asked
        assertThat(reasonByRun).doesNotContainKey("denied-1");
        assertThat(api.requests("denied-1")).isGreaterThanOrEqualTo(2);

        // duplicates of a waiting run were coalesced: one request series only
        assertThat(api.requests("pending2-1")).isEqualTo(4);
        assertThat(api.requests("done-5")).isEqualTo(1);

        // the in-flight limit held
        assertThat(api.maxInFlight()).isLessThanOrEqualTo(3);
        assertThat(service.resolver().orElseThrow().inFlightHighWater()).isLessThanOrEqualTo(3);

        // no re-query came before its due time: gaps follow 300 ms × 2^attempt, capped at 1 s
        List<Long> times = api.requestTimes("pending2-2");
        assertThat(times).hasSize(4);
        long[] minimum = {300, 600, 1000};
        for (int i = 1; i < times.size(); i++) {
          assertThat(times.get(i) - times.get(i - 1))
              .as("gap before query %d of pending2-2", i + 1)
              .isGreaterThanOrEqualTo(minimum[i - 1]);
        }
      } finally {
        assertThat(service.close(Duration.ofSeconds(5))).isTrue();
      }
    }
  }

  private static List<String> distinctKeys(List<ConsumerRecord<String, byte[]>> records) {
    return records.stream().map(ConsumerRecord::key).distinct().toList();
  }

  static String value(ConsumerRecord<String, byte[]> r) {
    return text(r.value());
  }
}
