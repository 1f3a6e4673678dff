package io.workflowresult.testing.verify;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One record read back from an output topic: where it sits, its key and value as bytes, its headers
 * (last value per header name, as UTF-8 text), and its timestamp (epoch ms: when the service's
 * producer sent it; -1 for a record made by hand).
 */
public record OutputRecord(
    String topic,
    int partition,
    long offset,
    String key,
    byte[] value,
    Map<String, String> headers,
    long timestamp) {

  public OutputRecord {
    headers = Map.copyOf(headers);
  }

  /** A record made by hand, for tests of the verifier itself. */
  public static OutputRecord of(
      String topic, String key, String value, Map<String, String> headers) {
    return new OutputRecord(
        topic,
        0,
        -1,
        key,
        value == null ? null : value.getBytes(StandardCharsets.UTF_8),
        headers,
        -1);
  }

  public String valueText() {
    return value == null ? null : new String(value, StandardCharsets.UTF_8);
  }

  /** {@code topic/partition/offset}, for messages. */
  public String position() {
    return topic + "/" + partition + "/" + offset;
  }

  @Override
  public String toString() {
    return "OutputRecord[" + position() + " key=" + key + " value=" + valueText() + "]";
  }
}
