package io.workflowresult.aggregate;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The contract JSON of {@code workflow-cost-totals} and {@code workflow-cost-windows} (README "Cost
 * aggregates", fields), also used for the aggregate stores so that a store value and its output
 * record are the same bytes: {@code
 * {"v":1,"workflowId","workflowName","runs","succeeded","failed","totalCost",
 * "totalTokens","updatedAt"}}, plus {@code windowStart}, {@code windowEnd} for a window.
 *
 * <p>{@code totalCost} is a plain JSON number — {@link BigDecimal#toPlainString()} written as the
 * number's raw text, never an exponent and never through a {@code double}; it is read back with
 * {@link JsonParser#getDecimalValue()}, so value and scale survive the round trip.
 */
public final class CostSumJson implements Serde<CostSum> {
  private static final JsonFactory JSON = new JsonFactory();

  @Override
  public Serializer<CostSum> serializer() {
    return (topic, sum) -> sum == null ? null : bytes(sum);
  }

  @Override
  public Deserializer<CostSum> deserializer() {
    return (topic, bytes) -> bytes == null ? null : parse(bytes);
  }

  /** The contract JSON of {@code sum}. */
  public static String toJson(CostSum sum) {
    return new String(bytes(sum), StandardCharsets.UTF_8);
  }

  static byte[] bytes(CostSum sum) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      write(g, sum);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Writes {@code sum} as one JSON object to {@code g}. */
  public static void write(JsonGenerator g, CostSum sum) throws IOException {
    g.writeStartObject();
    g.writeNumberField("v", 1);
    g.writeStringField("workflowId", sum.workflowId());
    g.writeStringField("workflowName", sum.workflowName());
    g.writeNumberField("runs", sum.runs());
    g.writeNumberField("succeeded", sum.succeeded());
    g.writeNumberField("failed", sum.failed());
    g.writeFieldName("totalCost");
    g.writeNumber(sum.totalCost().toPlainString());
    g.writeNumberField("totalTokens", sum.totalTokens());
    g.writeNumberField("updatedAt", sum.updatedAt());
    if (sum.window() != null) {
      g.writeNumberField("windowStart", sum.window().start());
      g.writeNumberField("windowEnd", sum.window().end());
    }
    g.writeEndObject();
  }

  /** A JSON array of the contract objects, in the order given. */
  public static String toJsonArray(List<CostSum> sums) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(128 + 256 * sums.size());
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartArray();
      for (CostSum sum : sums) {
        write(g, sum);
      }
      g.writeEndArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /** Reads a JSON array of contract objects (as {@link #toJsonArray} writes it). */
  public static List<CostSum> parseArray(String json) {
    try (JsonParser p = JSON.createParser(json)) {
      if (p.nextToken() != JsonToken.START_ARRAY) {
        throw new SerializationException("cost aggregates are not a JSON array");
      }
      List<CostSum> sums = new ArrayList<>();
      while (p.nextToken() == JsonToken.START_OBJECT) {
        sums.add(readObject(p));
      }
      return sums;
    } catch (IOException e) {
      throw new SerializationException("unreadable cost aggregates", e);
    }
  }

  /** Reads one contract object from its JSON text. */
  public static CostSum parse(String json) {
    return parse(json.getBytes(StandardCharsets.UTF_8));
  }

  /** Reads the contract JSON back; unknown fields are ignored. */
  public static CostSum parse(byte[] bytes) {
    try (JsonParser p = JSON.createParser(bytes)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new SerializationException("cost aggregate is not a JSON object");
      }
      return readObject(p);
    } catch (IOException e) {
      throw new SerializationException("unreadable cost aggregate", e);
    }
  }

  /** Reads one contract object; {@code p} is on its START_OBJECT. */
  public static CostSum readObject(JsonParser p) throws IOException {
    String workflowId = null;
    String workflowName = null;
    long runs = 0;
    long succeeded = 0;
    long failed = 0;
    BigDecimal cost = BigDecimal.ZERO;
    long tokens = 0;
    long updatedAt = 0;
    Long windowStart = null;
    Long windowEnd = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken t = p.nextToken();
      switch (name) {
        case "workflowId" -> workflowId = p.getValueAsString();
        case "workflowName" -> workflowName = t == JsonToken.VALUE_NULL ? null : p.getText();
        case "runs" -> runs = p.getLongValue();
        case "succeeded" -> succeeded = p.getLongValue();
        case "failed" -> failed = p.getLongValue();
        case "totalCost" -> cost = p.getDecimalValue();
        case "totalTokens" -> tokens = p.getLongValue();
        case "updatedAt" -> updatedAt = p.getLongValue();
        case "windowStart" -> windowStart = p.getLongValue();
        case "windowEnd" -> windowEnd = p.getLongValue();
        default -> p.skipChildren();
      }
    }
    CostSum.Window window =
        windowStart == null || windowEnd == null
            ? null
            : new CostSum.Window(windowStart, windowEnd);
    return new CostSum(
        workflowId, workflowName, runs, succeeded, failed, cost, tokens, updatedAt, window);
  }
}
