package io.workflowresult.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class RunHeadersTest {

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void intakeCopiesInputHeadersAndDropsStaleRunHeaders() {
    Headers in = new RecordHeaders();
    in.add("traceparent", b("00-abc-01"));
    in.add("run.reason", b("NOT_FOUND"));
    in.add("run.status", b("RUNNING"));
    Headers out =
        RunHeaders.fromInput(in)
            .source(new RecordSource("workflow-runs", 2, 17))
            .firstSeen(5L)
            .attempt(0)
            .build();
    assertThat(RunHeaders.text(out, "traceparent")).contains("00-abc-01");
    assertThat(RunHeaders.text(out, RunHeaders.SOURCE)).contains("workflow-runs/2/17");
    assertThat(RunHeaders.text(out, RunHeaders.FIRST_SEEN)).contains("5");
    assertThat(RunHeaders.text(out, RunHeaders.ATTEMPT)).contains("0");
    assertThat(out.lastHeader(RunHeaders.REASON)).isNull();
    assertThat(out.lastHeader(RunHeaders.STATUS)).isNull();
  }

  @Test
  void resolverKeepsSourceAndReplacesRunValues() {
    Headers delayed =
        RunHeaders.fromInput(new RecordHeaders().add("corr", b("c1")))
            .source(new RecordSource("in", 0, 1))
            .attempt(0)
            .firstSeen(5L)
            .build();
    Headers out =
        RunHeaders.fromDelayed(delayed)
            .sourceIfAbsent(new RecordSource("delay", 3, 99))
            .status("SUCCEED")
            .attempt(2)
            .truncated(true)
            .build();
    assertThat(RunHeaders.text(out, RunHeaders.SOURCE)).contains("in/0/1");
    assertThat(RunHeaders.text(out, RunHeaders.ATTEMPT)).contains("2");
    assertThat(RunHeaders.text(out, "corr")).contains("c1");
    assertThat(RunHeaders.text(out, RunHeaders.TRUNCATED)).contains("true");
    assertThat(out.headers(RunHeaders.ATTEMPT)).hasSize(1);
  }

  @Test
  void truncatedAndReasonAreNotInherited() {
    Headers prev = new RecordHeaders().add("run.truncated", b("true")).add("run.reason", b("X"));
    Headers out = RunHeaders.fromDelayed(prev).attempt(1).build();
    assertThat(out.lastHeader(RunHeaders.TRUNCATED)).isNull();
    assertThat(out.lastHeader(RunHeaders.REASON)).isNull();
  }

  @Test
  void dropsCopiedHeadersPastTheBudget() {
    Headers in = new RecordHeaders();
    for (int i = 0; i < 10; i++) {
      in.add("big" + i, new byte[4000]);
    }
    Headers out = RunHeaders.fromInput(in).attempt(0).build();
    int copied = 0;
    for (var h : out) {
      if (h.key().startsWith("big")) {
        copied += h.key().length() + h.value().length;
      }
    }
    assertThat(copied).isLessThanOrEqualTo(RunHeaders.MAX_COPIED_BYTES).isPositive();
    assertThat(RunHeaders.text(out, RunHeaders.ATTEMPT)).contains("0");
  }
}
