package io.workflowresult.deadletter;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.workflowresult.kafka.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * The value of a dead-letter record (key: the run ID, or null for invalid input). Every field of
 * README "Records on each topic" is always written ({@code null} when it does not apply). Build one
 * with {@link DeadLetters}, which enforces the size caps: {@code errorBody} ≤ 4 KiB, {@code detail}
 * ≤ 1 KiB, {@code input} ≤ 64 KiB.
 *
 * @param input the invalid input as text, or base64 when it was not UTF-8 ({@code inputEncoding}
 *     says which), possibly cut at 64 KiB; only for {@code INVALID_INPUT}
 * @param inputBytes size of the original input value in bytes
 * @param inputSha256 hex SHA-256 of the whole original input value
 * @param inputTruncated whether {@code input} holds less than the whole value
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({
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
  "inputEncoding",
  "inputBytes",
  "inputSha256",
  "inputTruncated"
})
public record DeadLetter(
    int v,
    String workflowRunId,
    DeadLetterReason reason,
    String detail,
    Integer attempts,
    Long firstSeenAt,
    long failedAt,
    String lastStatus,
    Integer httpStatus,
    String errorBody,
    String input,
    String inputEncoding,
    Long inputBytes,
    String inputSha256,
    Boolean inputTruncated) {

  public static final int VERSION = 1;

  public byte[] toJson() {
    try {
      return Json.MAPPER.writeValueAsBytes(this);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads a dead letter; empty when the bytes are not one. */
  public static Optional<DeadLetter> fromJson(byte[] json) {
    try {
      return Optional.ofNullable(Json.MAPPER.readValue(json, DeadLetter.class));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
