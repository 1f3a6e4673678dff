package io.workflowresult.delay.learned;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.workflowresult.delay.learned.SampleWindow.Generation;
import io.workflowresult.kafka.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.zip.DataFormatException;
import org.HdrHistogram.IntCountsHistogram;

/** Writes and reads {@link RunStatsRecord}s: keys and values as UTF-8 JSON. */
public final class RunStatsCodec {
  /** Longest base64 histogram read (a window's generation is a few hundred bytes). */
  static final int MAX_HISTOGRAM_CHARS = 256 * 1024;

  private RunStatsCodec() {}

  /** A record that is not a run-stats record of a version this reader can take. */
  public static final class DamagedRecordException extends Exception {
    private static final long serialVersionUID = 1L;

    DamagedRecordException(String message) {
      super(message);
    }
  }

  /** The key of an instance's record for one workflow version: a JSON array of the three. */
  public static byte[] key(WorkflowKey key, String instance) {
    ArrayNode array = Json.MAPPER.createArrayNode();
    array.add(key.workflowId()).add(key.workflowVersion()).add(instance);
    return bytes(array);
  }

  public static byte[] value(RunStatsRecord record) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("v", RunStatsRecord.VERSION);
    root.put("workflowId", record.key().workflowId());
    root.put("workflowVersion", record.key().workflowVersion());
    root.put("instance", record.instance());
    root.put("updatedAt", record.updatedAt());
    ObjectNode windows = root.putObject("windows");
    record
        .windows()
        .forEach(
            (measure, generations) -> {
              ArrayNode list = windows.putArray(measure.wireName());
              for (Generation g : generations) {
                ObjectNode gen = list.addObject();
                gen.put("lastSampleAt", g.lastSampleAt());
                gen.put("count", g.count());
                gen.put("histogram", encode(g.histogram()));
              }
            });
    return bytes(root);
  }

  /**
   * Reads a record's value.
   *
   * @throws DamagedRecordException naming what is wrong, when it is not a run-stats record
   */
  public static RunStatsRecord read(byte[] value) throws DamagedRecordException {
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(value);
    } catch (IOException e) {
      throw new DamagedRecordException("not JSON");
    }
    if (root == null || !root.isObject()) {
      throw new DamagedRecordException("not a JSON object");
    }
    if (!root.path("v").canConvertToInt() || root.path("v").asInt() < RunStatsRecord.VERSION) {
      throw new DamagedRecordException("no version \"v\" of 1 or later");
    }
    String workflowId = text(root, "workflowId");
    String instance = text(root, "instance");
    String version =
        root.path("workflowVersion").isTextual() ? root.get("workflowVersion").asText() : "";
    long updatedAt = whole(root, "updatedAt");
    JsonNode windows = root.path("windows");
    if (!windows.isObject()) {
      throw new DamagedRecordException("no \"windows\" object");
    }
    Map<RunTimeMeasure, List<Generation>> read = new EnumMap<>(RunTimeMeasure.class);
    for (RunTimeMeasure measure : RunTimeMeasure.values()) {
      JsonNode list = windows.get(measure.wireName());
      if (list != null) {
        read.put(measure, generations(measure, list));
      }
    }
    return new RunStatsRecord(new WorkflowKey(workflowId, version), instance, updatedAt, read);
  }

  private static List<Generation> generations(RunTimeMeasure measure, JsonNode list)
      throws DamagedRecordException {
    if (!list.isArray() || list.size() > 2) {
      throw new DamagedRecordException(
          measure.wireName() + " is not a list of up to 2 generations");
    }
    List<Generation> out = new ArrayList<>();
    for (JsonNode gen : list) {
      if (!gen.isObject()) {
        throw new DamagedRecordException(
            measure.wireName() + " holds a generation that is no object");
      }
      IntCountsHistogram histogram = decode(measure, text(gen, "histogram"));
      if (histogram.getTotalCount() != whole(gen, "count")) {
        throw new DamagedRecordException(measure.wireName() + " count differs from its histogram");
      }
      out.add(new Generation(histogram, whole(gen, "lastSampleAt")));
    }
    return out;
  }

  private static String encode(IntCountsHistogram histogram) {
    ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
    int length = histogram.encodeIntoCompressedByteBuffer(buffer);
    byte[] bytes = new byte[length];
    buffer.flip();
    buffer.get(bytes);
    return Base64.getEncoder().encodeToString(bytes);
  }

  private static IntCountsHistogram decode(RunTimeMeasure measure, String base64)
      throws DamagedRecordException {
    if (base64.length() > MAX_HISTOGRAM_CHARS) {
      throw new DamagedRecordException(measure.wireName() + " histogram is too large");
    }
    try {
      IntCountsHistogram h =
          IntCountsHistogram.decodeFromCompressedByteBuffer(
              ByteBuffer.wrap(Base64.getDecoder().decode(base64)), 2);
      if (h.getNumberOfSignificantValueDigits() != SampleWindow.SIGNIFICANT_DIGITS) {
        throw new DamagedRecordException(measure.wireName() + " histogram has another precision");
      }
      h.setAutoResize(true);
      return h;
    } catch (DataFormatException | RuntimeException e) {
      throw new DamagedRecordException(measure.wireName() + " histogram cannot be decoded");
    }
  }

  private static String text(JsonNode node, String field) throws DamagedRecordException {
    JsonNode v = node.get(field);
    if (v == null || !v.isTextual() || v.asText().isEmpty()) {
      throw new DamagedRecordException("no string \"" + field + "\"");
    }
    return v.asText();
  }

  private static long whole(JsonNode node, String field) throws DamagedRecordException {
    JsonNode v = node.get(field);
    if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
      throw new DamagedRecordException("no whole number \"" + field + "\"");
    }
    return v.asLong();
  }

  private static byte[] bytes(JsonNode node) {
    try {
      return Json.MAPPER.writeValueAsString(node).getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
