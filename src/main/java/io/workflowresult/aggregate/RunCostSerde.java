package io.workflowresult.aggregate;

import io.workflowresult.aggregate.RunCost.RunStatus;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Compact binary form of a {@link RunCost}, as kept in the run table, its changelog and the
 * repartition topics: this is the per-run state the aggregator holds for good, so every byte
 * counts.
 *
 * <p>Layout (version 1): {@code 0x01}, workflowId, workflowName (absent = length 0 with flag),
 * status byte ({@code S}/{@code F}), cost as its exact decimal string ({@link BigDecimal#toString},
 * which {@code new BigDecimal(String)} reads back with the same value and scale), tokens and event
 * time as zig-zag varints. Strings are UTF-8 preceded by an unsigned varint length; the name's
 * length is shifted by one so that 0 means null.
 */
public final class RunCostSerde implements Serde<RunCost> {
  private static final byte VERSION = 1;

  @Override
  public Serializer<RunCost> serializer() {
    return (topic, run) -> run == null ? null : write(run);
  }

  @Override
  public Deserializer<RunCost> deserializer() {
    return (topic, bytes) -> bytes == null ? null : read(bytes);
  }

  static byte[] write(RunCost run) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64);
    out.write(VERSION);
    writeString(out, run.workflowId(), 0);
    if (run.workflowName() == null) {
      writeUnsigned(out, 0);
    } else {
      writeString(out, run.workflowName(), 1);
    }
    out.write(run.status() == RunStatus.SUCCEED ? 'S' : 'F');
    writeString(out, run.cost().toString(), 0);
    writeUnsigned(out, zigZag(run.tokens()));
    writeUnsigned(out, zigZag(run.eventTime()));
    return out.toByteArray();
  }

  static RunCost read(byte[] bytes) {
    try {
      ByteBuffer in = ByteBuffer.wrap(bytes);
      byte version = in.get();
      if (version != VERSION) {
        throw new SerializationException("unknown RunCost version " + version);
      }
      String workflowId = readString(in, readUnsigned(in));
      long nameLength = readUnsigned(in);
      String workflowName = nameLength == 0 ? null : readString(in, nameLength - 1);
      RunStatus status = in.get() == 'S' ? RunStatus.SUCCEED : RunStatus.FAILED;
      BigDecimal cost = new BigDecimal(readString(in, readUnsigned(in)));
      long tokens = unZigZag(readUnsigned(in));
      long eventTime = unZigZag(readUnsigned(in));
      return new RunCost(workflowId, workflowName, status, cost, tokens, eventTime);
    } catch (RuntimeException e) {
      throw new SerializationException("unreadable RunCost", e);
    }
  }

  private static void writeString(ByteArrayOutputStream out, String s, int lengthOffset) {
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    writeUnsigned(out, utf8.length + (long) lengthOffset);
    out.write(utf8, 0, utf8.length);
  }

  private static String readString(ByteBuffer in, long length) {
    byte[] utf8 = new byte[Math.toIntExact(length)];
    in.get(utf8);
    return new String(utf8, StandardCharsets.UTF_8);
  }

  private static void writeUnsigned(ByteArrayOutputStream out, long value) {
    long v = value;
    while ((v & ~0x7FL) != 0) {
      out.write((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
  }

  private static long readUnsigned(ByteBuffer in) {
    long value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      byte b = in.get();
      value |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return value;
      }
    }
    throw new SerializationException("varint too long");
  }

  private static long zigZag(long v) {
    return (v << 1) ^ (v >> 63);
  }

  private static long unZigZag(long v) {
    return (v >>> 1) ^ -(v & 1);
  }
}
