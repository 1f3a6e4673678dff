package io.workflowresult.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.workflowresult.simulator.SimulatorOptions;
import io.workflowresult.testing.ServiceProcess;
import io.workflowresult.testing.e2e.BadInputCorpus;
import io.workflowresult.testing.verify.ExpectedOutcome;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Scenario 5: more than twenty kinds of bad input, shuffled among good runs (order from the seed):
 * each ends as an {@code INVALID_INPUT} dead letter with its input, or — where the value is a valid
 * run ID after all (odd keys, huge or non-UTF-8 headers, hints of the wrong type) — as a result. No
 * input stops the stream or restarts the process.
 */
class BadInputChaosIT {
  /** Just under the input topic's default maximum message size (1 MiB, less headers and key). */
  private static final int NEAR_MAX_BYTES = 1_000_000;

  private record Input(byte[] key, byte[] value, Map<String, byte[]> headers, String validId) {}

  @Test
  void everyKindOfBadInputEndsWithAReasonOrAResult() {
    try (ChaosScenario s =
        ChaosScenario.create("5 bad input", SimulatorOptions.builder().runTime(Duration.ZERO))) {
      List<Input> inputs = new ArrayList<>();
      BadInputCorpus.all().forEach(v -> inputs.add(new Input(null, v, Map.of(), null)));
      for (String text :
          List.of(
              "x".repeat(10_000),
              "[".repeat(5_000) + "]".repeat(5_000),
              "{\"a\":".repeat(2_000) + "1" + "}".repeat(2_000),
              "{\"workflowRunId\": {\"nested\": \"run-1\"}}",
              "{\"workflowRunId\": [\"run-1\"]}",
              "{\"workflowRunId\": \"run-ok\"",
              "run-\u0000-nul",
              "\u001b[31mred\u001b[0m")) {
        inputs.add(new Input(null, bytes(text), Map.of(), null));
      }
      inputs.add(new Input(null, bytes("y".repeat(NEAR_MAX_BYTES)), Map.of(), null));
      int kinds = inputs.size();
      String hinted = "{\"workflowRunId\": \"run-hint\", \"workflowId\": 42, \"startTime\": \"x\"}";
      inputs.add(new Input(null, bytes(hinted), Map.of(), "run-hint"));
      inputs.add(
          new Input(
              new byte[] {(byte) 0xff, (byte) 0xfe},
              bytes("run-odd-key"),
              Map.of(),
              "run-odd-key"));
      inputs.add(
          new Input(
              null,
              bytes("run-huge-header"),
              Map.of("trace", bytes("h".repeat(100_000))),
              "run-huge-header"));
      inputs.add(
          new Input(
              null,
              bytes("run-binary-header"),
              Map.of("trace", new byte[] {(byte) 0xc3, (byte) 0x28, 0, (byte) 0xff}),
              "run-binary-header"));
      inputs.add(new Input(null, bytes("  \"run-quoted\"  "), Map.of(), "\"run-quoted\""));
      inputs.add(new Input(null, bytes("run-ünïcødé-✓"), Map.of(), "run-ünïcødé-✓"));
      for (int i = 0; i < 3; i++) {
        inputs.add(new Input(null, bytes("run-dup"), Map.of(), "run-dup"));
      }
      for (String id : s.mixedIds("run", Chaos.scale(100, 1_000))) {
        inputs.add(new Input(null, bytes(id), Map.of(), id));
      }
      Collections.shuffle(inputs, s.random);

      ServiceProcess p = s.start("one");
      s.f.awaitInputTopic(p, Duration.ofSeconds(90));
      for (Input in : inputs) {
        s.f.send(in.key(), in.value(), in.headers());
        if (in.validId() == null) {
          s.truth.add(ExpectedOutcome.InvalidInput.of(in.value()));
        } else if (s.truth.contains(in.validId())) {
          s.truth.duplicate(in.validId());
        } else {
          s.truth.add(s.f.truthSource().expected(in.validId()));
        }
      }
      s.f.flush();
      s.finish(
          kinds + " kinds of bad input and 6 odd good ones",
          Duration.ofSeconds(Chaos.scale(180, 600)));
      p.assertAlive();
      assertThat(p.output()).as("the process log").doesNotContain("stopping the process");
      assertThat(kinds).as("kinds of bad input").isGreaterThanOrEqualTo(20);
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
