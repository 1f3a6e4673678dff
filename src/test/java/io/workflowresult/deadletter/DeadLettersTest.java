package io.workflowresult.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.workflowresult.delay.DelayRecord;
import io.workflowresult.kafka.Json;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeadLettersTest {

  @Test
  void keepsSmallTextInputWhole() throws Exception {
    byte[] value = "not json {".getBytes(StandardCharsets.UTF_8);
    DeadLetter dl = DeadLetters.invalidInput(value, "not JSON", 5L);
    assertThat(dl.input()).isEqualTo("not json {");
    assertThat(dl.inputEncoding()).isEqualTo("text");
    assertThat(dl.inputBytes()).isEqualTo(value.length);
    assertThat(dl.inputTruncated()).isFalse();
    assertThat(dl.inputSha256()).hasSize(64).isEqualTo(DeadLetters.sha256(value));
    assertThat(dl.workflowRunId()).isNull();
    assertThat(dl.failedAt()).isEqualTo(5L);
  }

  @Test
  void capsLargeTextInputAt64KiB() {
    byte[] value = "é".repeat(100_000).getBytes(StandardCharsets.UTF_8);
    DeadLetter dl = DeadLetters.invalidInput(value, "too long", 1L);
    assertThat(dl.input().getBytes(StandardCharsets.UTF_8).length)
        .isLessThanOrEqualTo(DeadLetters.MAX_INPUT_BYTES)
        .isGreaterThan(DeadLetters.MAX_INPUT_BYTES - 2);
    assertThat(dl.input()).matches("é+");
    assertThat(dl.inputTruncated()).isTrue();
    assertThat(dl.inputBytes()).isEqualTo(200_000L);
    assertThat(dl.inputSha256()).isEqualTo(DeadLetters.sha256(value));
  }

  @Test
  void encodesNonUtf8InputAsBase64WithinCap() {
    byte[] value = new byte[200_000];
    Arrays.fill(value, (byte) 0xFF);
    DeadLetter dl = DeadLetters.invalidInput(value, "not UTF-8", 1L);
    assertThat(dl.inputEncoding()).isEqualTo("base64");
    assertThat(dl.input().length()).isLessThanOrEqualTo(DeadLetters.MAX_INPUT_BYTES);
    assertThat(Base64.getDecoder().decode(dl.input())).containsOnly((byte) 0xFF);
    assertThat(dl.inputTruncated()).isTrue();
  }

  @Test
  void smallBinaryInputIsWhole() {
    byte[] value = {(byte) 0xC3, 0x28};
    DeadLetter dl = DeadLetters.invalidInput(value, "not UTF-8", 1L);
    assertThat(Base64.getDecoder().decode(dl.input())).isEqualTo(value);
    assertThat(dl.inputTruncated()).isFalse();
  }

  @Test
  void nullValueHasNoInput() throws Exception {
    DeadLetter dl = DeadLetters.invalidInput(null, "null value", 1L);
    JsonNode json = Json.MAPPER.readTree(dl.toJson());
    assertThat(json.get("input").isNull()).isTrue();
    assertThat(json.get("inputBytes").asLong()).isZero();
    assertThat(json.get("reason").asText()).isEqualTo("INVALID_INPUT");
  }

  @Test
  void capsErrorBodyAt4KiBAndDetailAt1KiB() {
    DelayRecord run = DelayRecord.fresh("r1", 10L).next(3, 20L, "RUNNING", 0, 0);
    DeadLetter dl =
        DeadLetters.forRun(
            DeadLetterReason.MALFORMED_RESPONSE,
            run,
            "d".repeat(5000),
            "RUNNING",
            200,
            "€".repeat(10_000),
            99L);
    assertThat(dl.errorBody().getBytes(StandardCharsets.UTF_8).length)
        .isLessThanOrEqualTo(DeadLetters.MAX_ERROR_BODY_BYTES);
    assertThat(dl.errorBody()).matches("€+");
    assertThat(dl.detail().length()).isEqualTo(DeadLetters.MAX_DETAIL_BYTES);
    assertThat(dl.attempts()).isEqualTo(4);
    assertThat(dl.firstSeenAt()).isEqualTo(10L);
    assertThat(dl.lastStatus()).isEqualTo("RUNNING");
    assertThat(dl.httpStatus()).isEqualTo(200);
  }

  @Test
  void writesEveryContractFieldEvenWhenNull() throws Exception {
    DeadLetter dl =
        DeadLetters.forRun(
            DeadLetterReason.NOT_FOUND, DelayRecord.fresh("r1", 1L), "404", null, 404, null, 2L);
    JsonNode json = Json.MAPPER.readTree(dl.toJson());
    for (String field :
        List.of(
            "v",
            "workflowRunId",
            "reason",
            "detail",
            "attempts",
            "firstSeenAt",
            "failedAt",
            "lastStatus",
            "httpStatus",
            "errorBody",
            "input",
            "inputBytes",
            "inputSha256",
            "inputTruncated")) {
      assertThat(json.has(field)).as(field).isTrue();
    }
    assertThat(json.get("v").asInt()).isEqualTo(1);
    assertThat(DeadLetter.fromJson(dl.toJson())).contains(dl);
  }

  @Test
  void largestPossibleDeadLetterStaysFarBelowOneMegabyte() {
    byte[] value = "x".repeat(2_000_000).getBytes(StandardCharsets.UTF_8);
    DeadLetter dl = DeadLetters.invalidInput(value, "y".repeat(10_000), 1L);
    assertThat(dl.toJson().length).isLessThan(80 * 1024);
  }
}
