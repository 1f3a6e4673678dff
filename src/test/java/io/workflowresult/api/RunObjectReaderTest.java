package io.workflowresult.api;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.workflowresult.api.RunObjectReader.RunAnswer;
import io.workflowresult.delay.learned.RunTiming;
import io.workflowresult.delay.learned.RunTimingReader;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class RunObjectReaderTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final long ONE_MIB = 1024 * 1024;

  @Test
  void keepsTheRunObjectByteForByte() throws Exception {
    String body =
        "{\n  \"workflowRunId\" : \"r1\",\"status\":\"SUCCEED\",\n"
            + "  \"totalCost\": 0.6928, \"tiny\": 1e-7, \"tinier\": 1.50E-300,\n"
            + "  \"big\": 123456789012345678901234567890123,\"neg\": -0.0,\n"
            + "  \"text\": \"h\\u00e9llo h\u00e9llo \ud83d\ude80 \\ud83d\\ude80 \\\"q\\\" \\n\",\n"
            + "  \"unknown\": {\"nested\": [1, 2.50, {\"x\": null}], \"flag\": true}\n}";

    RunAnswer answer = read(body, ONE_MIB);

    assertThat(new String(answer.runObject(), UTF_8)).isEqualTo(body);
    assertThat(answer.truncated()).isFalse();
    assertThat(answer.status()).contains("SUCCEED");
    assertThat(answer.workflowRunId()).contains("r1");
    assertThat(answer.totalCost()).contains(new BigDecimal("0.6928"));
  }

  @Test
  void readsTheScheduleFieldsOfTheTopLevelObjectOnly() throws Exception {
    RunAnswer answer =
        read(
            "{\"workflowRunId\": \"r1\", \"input\": {\"workflowId\": \"in\", \"startTime\": 5},"
                + " \"workflowId\": \"wf-7\", \"workflowVersion\": \"1.0.1\","
                + " \"startTime\": 1758765323024}",
            ONE_MIB);

    assertThat(answer.workflowId()).contains("wf-7");
    assertThat(answer.workflowVersion()).contains("1.0.1");
    assertThat(answer.startTime()).hasValue(1758765323024L);
  }

  @Test
  void readsTheTimesAResultIsLearnedFromOfTheRunObjectItself() throws Exception {
    RunAnswer answer =
        read(
            "{\"data\": {\"workflowRunId\": \"r1\", \"status\": \"SUCCEED\","
                + " \"output\": {\"endTime\": 1}, \"workflowId\": \"wf-7\","
                + " \"workflowExecutionTime\": 8347, \"startTime\": 1758765323024,"
                + " \"endTime\": 1758765331373}, \"endTime\": 2}",
            ONE_MIB);

    assertThat(answer.times())
        .isEqualTo(
            new RunTimes(
                Optional.of("wf-7"),
                Optional.empty(),
                OptionalLong.of(1758765323024L),
                OptionalLong.of(1758765331373L),
                OptionalLong.of(8347)));
    assertThat(read("{\"endTime\": 1.5, \"workflowExecutionTime\": \"8\"}", ONE_MIB).times())
        .isEqualTo(
            new RunTimes(
                Optional.empty(),
                Optional.empty(),
                OptionalLong.empty(),
                OptionalLong.empty(),
                OptionalLong.empty()));
  }

  @Test
  void itsTimesAreThoseTheRunTimingReaderReadsFromTheRunObject() throws Exception {
    String[] objects = {
      "{\"workflowId\":\"wf-1\",\"workflowVersion\":\"2\",\"input\":{\"startTime\":1},"
          + "\"workflowExecutionTime\":3000,\"startTime\":1000,\"endTime\":4500}",
      "{\"workflowId\":\"wf-1\",\"startTime\":\"1000\",\"endTime\":4500.5,"
          + "\"workflowExecutionTime\":123456789012345678901234}",
      "{\"workflowId\":\"wf-1\",\"workflowId\":\"wf-2\",\"endTime\":1,\"endTime\":2}",
      "{\"workflowId\":\"wf-1\",\"workflowVersion\":7,\"endTime\":null}"
    };
    for (String object : objects) {
      RunTimes times = read(object, ONE_MIB).times();
      RunTiming timing = RunTimingReader.read(object.getBytes(UTF_8)).orElseThrow();

      assertThat(times)
          .as(object)
          .isEqualTo(
              new RunTimes(
                  Optional.of(timing.workflowId()),
                  timing.workflowVersion(),
                  timing.startTime(),
                  timing.endTime(),
                  timing.executionTime()));
    }
  }

  @Test
  void aStartTimeThatIsNotAWholeNumberIsLeftOut() throws Exception {
    assertThat(read("{\"startTime\": \"2026-01-01\"}", ONE_MIB).startTime()).isEmpty();
    assertThat(read("{\"startTime\": 1.5}", ONE_MIB).startTime()).isEmpty();
    assertThat(read("{\"startTime\": 123456789012345678901234}", ONE_MIB).startTime()).isEmpty();
    assertThat(read("{\"workflowId\": 7}", ONE_MIB).workflowId()).isEmpty();
  }

  @Test
  void readsTheCostExactlyFromItsText() throws Exception {
    RunAnswer answer = read("{\"totalCost\": 12345678901234567890.123456789012345678}", ONE_MIB);

    assertThat(answer.totalCost().orElseThrow().toPlainString())
        .isEqualTo("12345678901234567890.123456789012345678");
  }

  @Test
  void publishesOnlyTheRunObjectOfAWrappedAnswer() throws Exception {
    String run = "{\"workflowRunId\": \"r1\", \"status\": \"RUNNING\", \"totalCost\": 1.10}";
    String body = "{\"meta\": {\"requestId\": \"q\", \"data\": 1}, \"data\": " + run + " }";

    RunAnswer answer = read(body, ONE_MIB);

    assertThat(new String(answer.runObject(), UTF_8)).isEqualTo(run);
    assertThat(answer.status()).contains("RUNNING");
    assertThat(answer.totalCost()).contains(new BigDecimal("1.10"));
  }

  @Test
  void takesTheDataOfAWrapperThatHasAStatusOfItsOwn() throws Exception {
    String run = "{\"workflowRunId\": \"r1\", \"status\": \"SUCCEED\"}";

    RunAnswer answer = read("{\"status\": \"ok\", \"code\": 0, \"data\": " + run + "}", ONE_MIB);

    assertThat(new String(answer.runObject(), UTF_8)).isEqualTo(run);
    assertThat(answer.status()).contains("SUCCEED");
  }

  @Test
  void offsetsCountFromTheObjectAfterAByteOrderMark() throws Exception {
    String body = "{\"workflowRunId\": \"r1\", \"status\": \"SUCCEED\"}";

    RunAnswer answer = read("\ufeff" + body, ONE_MIB);

    assertThat(new String(answer.runObject(), UTF_8)).isEqualTo(body);
  }

  @Test
  void keepsADataFieldOfAFlatRunObject() throws Exception {
    String body =
        "{\"data\": {\"status\": \"x\"}, \"workflowRunId\": \"r1\", \"status\": \"FAILED\"}";

    RunAnswer answer = read(body, ONE_MIB);

    assertThat(new String(answer.runObject(), UTF_8)).isEqualTo(body);
    assertThat(answer.status()).contains("FAILED");
  }

  @Test
  void dropsInputAndOutputPastThePayloadLimitButKeepsEveryOtherField() throws Exception {
    String bigInput = "{\"topic\": \"" + "x".repeat(5000) + "\"}";
    String body =
        "{\"workflowId\": \"w1\", \"input\": "
            + bigInput
            + ",\n \"output\": {\"news\": [1, 2]},\n \"status\": \"SUCCEED\", \"totalCost\": 0.69280,"
            + " \"workflowRunId\": \"r1\", \"later\": {\"u\": \"\u00e9\"}\n}";

    RunAnswer answer = read(body, 1000);

    String published = new String(answer.runObject(), UTF_8);
    assertThat(answer.truncated()).isTrue();
    assertThat(published)
        .isEqualTo(
            "{\"workflowId\": \"w1\",\"status\": \"SUCCEED\",\"totalCost\": 0.69280,"
                + "\"workflowRunId\": \"r1\",\"later\": {\"u\": \"\u00e9\"}}");
    assertThat(answer.totalCost()).contains(new BigDecimal("0.69280"));
  }

  @Test
  void dropsBothWhenOnlyTheirSumIsPastTheLimit() throws Exception {
    String half = "\"" + "y".repeat(600) + "\"";
    String body = "{\"input\": " + half + ", \"output\": " + half + ", \"status\": \"FAILED\"}";

    RunAnswer answer = read(body, 1000);

    assertThat(answer.truncated()).isTrue();
    assertThat(new String(answer.runObject(), UTF_8)).isEqualTo("{\"status\": \"FAILED\"}");
  }

  @Test
  void keepsInputAndOutputUnderTheLimit() throws Exception {
    String body = "{\"input\": {\"a\": 1}, \"output\": \"o\", \"status\": \"SUCCEED\"}";

    RunAnswer answer = read(body, 1000);

    assertThat(answer.truncated()).isFalse();
    assertThat(new String(answer.runObject(), UTF_8)).isEqualTo(body);
  }

  @Test
  void dropsInputAndOutputOfAWrappedRunObject() throws Exception {
    String body =
        "{\"data\": {\"input\": \""
            + "z".repeat(3000)
            + "\", \"status\": \"SUCCEED\","
            + " \"workflowRunId\": \"r1\"}, \"meta\": {}}";

    RunAnswer answer = read(body, 1000);

    assertThat(answer.truncated()).isTrue();
    assertThat(new String(answer.runObject(), UTF_8))
        .isEqualTo("{\"status\": \"SUCCEED\",\"workflowRunId\": \"r1\"}");
  }

  @Test
  void skipsAHugeInputWithBoundedMemory() throws Exception {
    long inputBytes = 60 * ONE_MIB;
    InputStream body =
        concat(
            "{\"workflowId\": \"w1\", \"input\": {\"blob\": [",
            repeat("\"abcdefghijklmnopqrstuvwxyz\\u00e9\",", inputBytes / 35),
            "0]}, \"output\": {\"text\": \"",
            repeat("0123456789", inputBytes / 10),
            "\"}, \"status\": \"SUCCEED\", \"totalCost\": 3.14159, \"workflowRunId\": \"r1\"}");
    RecordingInputStream recorder = new RecordingInputStream(body);

    RunAnswer answer = new RunObjectReader(ONE_MIB).read(recorder);

    assertThat(answer.truncated()).isTrue();
    JsonNode published = MAPPER.readTree(answer.runObject());
    assertThat(published.has("input")).isFalse();
    assertThat(published.has("output")).isFalse();
    assertThat(published.get("workflowId").asText()).isEqualTo("w1");
    assertThat(answer.totalCost()).contains(new BigDecimal("3.14159"));
    assertThat(recorder.peakHeldBytes())
        .as("bytes held while skipping 120 MB of input and output")
        .isLessThan(2 * ONE_MIB + 2L * RecordingInputStream.TAIL_BYTES);
  }

  @Test
  void rejectsWhatIsNotOneJsonObject() {
    for (String body : List.of("", "<html>", "[1, 2]", "\"SUCCEED\"", "{\"status\": ", "{} {}")) {
      assertThatThrownBy(() -> read(body, ONE_MIB))
          .as("body %s", body)
          .isInstanceOf(RunObjectReader.NotAnObjectException.class);
    }
  }

  @Test
  void leavesStatusEmptyWhenItIsNotAString() throws Exception {
    RunAnswer answer = read("{\"status\": 3, \"workflowRunId\": [\"r1\"]}", ONE_MIB);

    assertThat(answer.status()).isEmpty();
    assertThat(answer.workflowRunId()).isEmpty();
  }

  private static RunAnswer read(String body, long maxPayloadBytes) throws Exception {
    return new RunObjectReader(maxPayloadBytes)
        .read(new ByteArrayInputStream(body.getBytes(UTF_8)));
  }

  private static InputStream concat(Object... parts) {
    List<InputStream> streams =
        java.util.Arrays.stream(parts)
            .map(
                part ->
                    part instanceof String text
                        ? new ByteArrayInputStream(text.getBytes(UTF_8))
                        : (InputStream) part)
            .toList();
    return new SequenceInputStream(Collections.enumeration(streams));
  }

  /** {@code unit} {@code times} over, generated as read (never held whole). */
  private static InputStream repeat(String unit, long times) {
    byte[] bytes = unit.getBytes(UTF_8);
    return new InputStream() {
      private long position;
      private final long total = bytes.length * times;

      @Override
      public int read() {
        return position < total ? bytes[(int) (position++ % bytes.length)] : -1;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (position >= total) {
          return -1;
        }
        int n = (int) Math.min(len, total - position);
        for (int i = 0; i < n; i++) {
          b[off + i] = bytes[(int) (position++ % bytes.length)];
        }
        return n;
      }
    };
  }
}
