package io.workflowresult.deadletter;

import io.workflowresult.api.Utf8;
import io.workflowresult.delay.DelayRecord;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/** Builds {@link DeadLetter}s with every text field capped, so none is ever too large to write. */
public final class DeadLetters {
  /** Largest {@code errorBody}, in UTF-8 bytes. */
  public static final int MAX_ERROR_BODY_BYTES = 4 * 1024;

  /** Largest {@code detail}, in UTF-8 bytes. */
  public static final int MAX_DETAIL_BYTES = 1024;

  /** Largest {@code input}, in bytes of its text (UTF-8 or base64). */
  public static final int MAX_INPUT_BYTES = 64 * 1024;

  private DeadLetters() {}

  /** An {@code INVALID_INPUT} dead letter keeping (up to 64 KiB of) the original bytes. */
  public static DeadLetter invalidInput(byte[] value, String detail, long nowMs) {
    String input = null;
    String encoding = null;
    Long bytes = 0L;
    String sha = null;
    Boolean truncated = false;
    if (value != null) {
      bytes = (long) value.length;
      sha = sha256(value);
      if (Utf8.decode(value).isPresent()) {
        input = Utf8.cap(value, MAX_INPUT_BYTES);
        encoding = "text";
        truncated = input.getBytes(StandardCharsets.UTF_8).length < value.length;
      } else {
        // base64 turns 3 bytes into 4 characters
        int rawCap = MAX_INPUT_BYTES / 4 * 3;
        byte[] kept = value.length > rawCap ? Arrays.copyOf(value, rawCap) : value;
        input = Base64.getEncoder().encodeToString(kept);
        encoding = "base64";
        truncated = kept.length < value.length;
      }
    }
    return new DeadLetter(
        DeadLetter.VERSION,
        null,
        DeadLetterReason.INVALID_INPUT,
        Utf8.cap(detail, MAX_DETAIL_BYTES),
        null,
        null,
        nowMs,
        null,
        null,
        null,
        input,
        encoding,
        bytes,
        sha,
        truncated);
  }

  /** A dead letter for a run the resolver gives up on. */
  public static DeadLetter forRun(
      DeadLetterReason reason,
      DelayRecord run,
      String detail,
      String lastStatus,
      int httpStatus,
      String errorBody,
      long nowMs) {
    return new DeadLetter(
        DeadLetter.VERSION,
        run.workflowRunId(),
        reason,
        Utf8.cap(detail, MAX_DETAIL_BYTES),
        run.queriesIncludingThis(),
        run.firstSeenAt(),
        nowMs,
        lastStatus,
        httpStatus == 0 ? null : httpStatus,
        Utf8.cap(errorBody, MAX_ERROR_BODY_BYTES),
        null,
        null,
        null,
        null,
        null);
  }

  static String sha256(byte[] value) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }
}
