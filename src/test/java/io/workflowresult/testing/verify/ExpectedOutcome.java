package io.workflowresult.testing.verify;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * What one submission must end as, taken from the simulator's ground truth or from the bad-input
 * corpus. {@link #id()} is the run ID, or {@code invalid:<sha256 of the input bytes>} for input
 * that is not a valid run ID.
 */
public sealed interface ExpectedOutcome {

  String id();

  /**
   * A terminal run: the results topic must carry {@code runObject} unchanged (every field, exact
   * numbers).
   */
  record Result(String id, JsonNode runObject) implements ExpectedOutcome {
    public String status() {
      return runObject.path("status").asText();
    }

    public String workflowId() {
      return runObject.path("workflowId").asText();
    }

    public String workflowName() {
      return runObject.path("workflowName").asText();
    }

    /** The exact cost; zero when the run object has none. */
    public BigDecimal totalCost() {
      JsonNode cost = runObject.get("totalCost");
      return cost == null || cost.isNull() ? BigDecimal.ZERO : new BigDecimal(cost.asText());
    }

    public long totalTokens() {
      return runObject.path("totalTokens").asLong(0);
    }
  }

  /** A run that must end on the dead-letter topic with {@code reason}. */
  record DeadLetter(String id, String reason) implements ExpectedOutcome {}

  /**
   * Input that is not a valid run ID: a dead letter {@code INVALID_INPUT} whose {@code input} (or
   * {@code inputSha256}) matches these bytes. {@code raw} is null for a record with a null value.
   */
  record InvalidInput(String id, byte[] raw) implements ExpectedOutcome {
    public static InvalidInput of(byte[] raw) {
      return new InvalidInput(idOf(raw), raw);
    }

    public static InvalidInput of(String text) {
      return of(text == null ? null : text.getBytes(StandardCharsets.UTF_8));
    }

    /** The identity of a bad input: {@code invalid:<sha256 hex>}, or {@code invalid:null}. */
    public static String idOf(byte[] raw) {
      return "invalid:" + Optional.ofNullable(raw).map(InvalidInput::sha256Hex).orElse("null");
    }

    static String sha256Hex(byte[] bytes) {
      try {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public String toString() {
      String text = raw == null ? "null" : new String(raw, StandardCharsets.UTF_8);
      if (text.length() > 40) {
        text = text.substring(0, 40) + "…(" + raw.length + " bytes)";
      }
      return "InvalidInput[" + text.replaceAll("\\p{Cntrl}", "?") + "]";
    }
  }
}
