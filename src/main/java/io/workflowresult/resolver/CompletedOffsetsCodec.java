package io.workflowresult.resolver;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * The offsets completed beyond a committed position, carried in the commit's metadata ({@code
 * OffsetAndMetadata.metadata()}), so that the next owner of the partition does not read them again
 * (Parallel Consumer does the same).
 *
 * <p>Format: {@value #PREFIX}, then URL-safe base64 without padding of: a kind byte, the committed
 * position (varint), the payload, and a CRC-32 of everything before it (4 bytes, big-endian). Kind
 * {@code R}, ranges: their count, then per range the gap from the end of the one before (from the
 * position, for the first) and its length, each a varint. Kind {@code B}, a bitset: a bit count,
 * then one bit per offset from the position, least significant bit first. The smaller of the two is
 * written. When neither holds every offset within {@code maxChars} (the broker refuses metadata
 * longer than its {@code offset.metadata.max.bytes}, 4096 by default), the one that holds more
 * offsets from the start is written: the offsets left out are read again, which costs a query,
 * never a run.
 *
 * <p>Decoding is strict: a string that is not exactly this — another client's metadata, a damaged
 * or cut string, a position other than the committed one — decodes to nothing, so that no record is
 * ever skipped on a guess.
 */
final class CompletedOffsetsCodec {
  static final String PREFIX = "wrp1:";

  /** The broker's default {@code offset.metadata.max.bytes}. */
  static final int BROKER_DEFAULT_MAX_CHARS = 4096;

  private static final byte RANGES = 'R';
  private static final byte BITSET = 'B';
  private static final int CRC_BYTES = 4;

  /**
   * An encoding.
   *
   * @param metadata the metadata string; empty when nothing is encoded
   * @param offsets offsets it holds
   * @param leftOut completed offsets it could not hold within the limit
   */
  record Encoded(String metadata, long offsets, long leftOut) {}

  private record Candidate(byte[] bytes, long offsets) {}

  private CompletedOffsetsCodec() {}

  /** Encodes {@code done} (all at or after {@code position}) in at most {@code maxChars}. */
  static Encoded encode(long position, CompletedOffsets done, int maxChars) {
    long total = done.count();
    int maxBytes = (maxChars - PREFIX.length()) * 3 / 4;
    if (total == 0 || maxBytes <= 0) {
      return new Encoded("", 0, total);
    }
    Candidate ranges = ranges(position, done, maxBytes);
    Candidate bits = bitset(position, done, maxBytes);
    Candidate best =
        ranges.offsets() != bits.offsets()
            ? (ranges.offsets() > bits.offsets() ? ranges : bits)
            : (ranges.bytes().length <= bits.bytes().length ? ranges : bits);
    if (best.offsets() == 0) {
      return new Encoded("", 0, total);
    }
    String metadata = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(best.bytes());
    return new Encoded(metadata, best.offsets(), total - best.offsets());
  }

  /** Whether {@code metadata} is in this format (readable or not). */
  static boolean isOurs(String metadata) {
    return metadata != null && metadata.startsWith(PREFIX);
  }

  /**
   * The offsets {@code metadata} holds, if it is exactly an encoding for the position {@code
   * committed}; empty for anything else.
   */
  static Optional<CompletedOffsets> decode(String metadata, long committed) {
    if (!isOurs(metadata)) {
      return Optional.empty();
    }
    byte[] raw;
    try {
      raw = Base64.getUrlDecoder().decode(metadata.substring(PREFIX.length()));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (raw.length < 2 + CRC_BYTES || !crcMatches(raw)) {
      return Optional.empty();
    }
    try {
      Reader in = new Reader(raw, raw.length - CRC_BYTES);
      byte kind = in.nextByte();
      if (in.varint() != committed) {
        return Optional.empty();
      }
      CompletedOffsets done =
          switch (kind) {
            case RANGES -> readRanges(in, committed);
            case BITSET -> readBitset(in, committed);
            default -> throw new IllegalArgumentException("unknown kind " + kind);
          };
      return in.atEnd() ? Optional.of(done) : Optional.empty();
    } catch (IllegalArgumentException | ArithmeticException e) {
      return Optional.empty();
    }
  }

  private static Candidate ranges(long position, CompletedOffsets done, int maxBytes) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    long cursor = position;
    long offsets = 0;
    int count = 0;
    int fixed = 1 + varintSize(position) + CRC_BYTES;
    for (int i = 0; i < done.ranges(); i++) {
      long gap = done.start(i) - cursor;
      long length = done.end(i) - done.start(i);
      int need = varintSize(gap) + varintSize(length);
      if (fixed + varintSize(count + 1) + body.size() + need > maxBytes) {
        break;
      }
      writeVarint(body, gap);
      writeVarint(body, length);
      cursor = done.end(i);
      offsets += length;
      count++;
    }
    ByteArrayOutputStream out = header(RANGES, position);
    writeVarint(out, count);
    out.writeBytes(body.toByteArray());
    return new Candidate(withCrc(out), offsets);
  }

  private static Candidate bitset(long position, CompletedOffsets done, int maxBytes) {
    long span = done.end(done.ranges() - 1) - position;
    long bitCount = span;
    while (true) {
      int header = 1 + varintSize(position) + varintSize(bitCount) + CRC_BYTES;
      long room = Math.max(0, (long) (maxBytes - header) * 8);
      if (bitCount <= room) {
        break;
      }
      bitCount = room;
    }
    byte[] bits = new byte[(int) ((bitCount + 7) / 8)];
    long offsets = 0;
    long limit = position + bitCount;
    for (int i = 0; i < done.ranges() && done.start(i) < limit; i++) {
      long end = Math.min(done.end(i), limit);
      for (long o = done.start(i); o < end; o++) {
        long bit = o - position;
        bits[(int) (bit >>> 3)] |= (byte) (1 << (bit & 7));
      }
      offsets += end - done.start(i);
    }
    ByteArrayOutputStream out = header(BITSET, position);
    writeVarint(out, bitCount);
    out.writeBytes(bits);
    return new Candidate(withCrc(out), offsets);
  }

  private static CompletedOffsets readRanges(Reader in, long position) {
    long count = in.varint();
    CompletedOffsets.Builder b = CompletedOffsets.builder();
    long cursor = position;
    for (long i = 0; i < count; i++) {
      long gap = in.varint();
      long length = in.varint();
      if ((i > 0 && gap == 0) || length == 0) {
        throw new IllegalArgumentException("ranges not disjoint");
      }
      long start = Math.addExact(cursor, gap);
      cursor = Math.addExact(start, length);
      b.add(start, cursor);
    }
    return b.build();
  }

  private static CompletedOffsets readBitset(Reader in, long position) {
    long bitCount = in.varint();
    if ((bitCount + 7) / 8 != in.remaining()) {
      throw new IllegalArgumentException("bitset length");
    }
    Math.addExact(position, bitCount);
    CompletedOffsets.Builder b = CompletedOffsets.builder();
    long runStart = -1;
    for (long bit = 0; bit < bitCount; bit++) {
      boolean set = (in.peek((int) (bit >>> 3)) & (1 << (bit & 7))) != 0;
      if (set && runStart < 0) {
        runStart = position + bit;
      } else if (!set && runStart >= 0) {
        b.add(runStart, position + bit);
        runStart = -1;
      }
    }
    if (runStart >= 0) {
      b.add(runStart, position + bitCount);
    }
    in.skip(in.remaining());
    return b.build();
  }

  private static ByteArrayOutputStream header(byte kind, long position) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(kind);
    writeVarint(out, position);
    return out;
  }

  private static byte[] withCrc(ByteArrayOutputStream out) {
    byte[] body = out.toByteArray();
    CRC32 crc = new CRC32();
    crc.update(body);
    return ByteBuffer.allocate(body.length + CRC_BYTES)
        .put(body)
        .putInt((int) crc.getValue())
        .array();
  }

  private static boolean crcMatches(byte[] raw) {
    CRC32 crc = new CRC32();
    crc.update(raw, 0, raw.length - CRC_BYTES);
    return ByteBuffer.wrap(raw, raw.length - CRC_BYTES, CRC_BYTES).getInt() == (int) crc.getValue();
  }

  static int varintSize(long value) {
    int n = 1;
    while ((value >>>= 7) != 0) {
      n++;
    }
    return n;
  }

  private static void writeVarint(ByteArrayOutputStream out, long value) {
    while ((value & ~0x7FL) != 0) {
      out.write((int) ((value & 0x7F) | 0x80));
      value >>>= 7;
    }
    out.write((int) value);
  }

  /** Reads {@code bytes[0, end)}; every overrun or malformed varint is an exception. */
  private static final class Reader {
    private final byte[] bytes;
    private final int end;
    private int at;

    Reader(byte[] bytes, int end) {
      this.bytes = bytes;
      this.end = end;
    }

    byte nextByte() {
      if (at >= end) {
        throw new IllegalArgumentException("cut short");
      }
      return bytes[at++];
    }

    /** A non-negative varint of at most 9 bytes (63 bits). */
    long varint() {
      long value = 0;
      for (int shift = 0; shift < 63; shift += 7) {
        byte b = nextByte();
        value |= (long) (b & 0x7F) << shift;
        if ((b & 0x80) == 0) {
          if (value < 0) {
            throw new IllegalArgumentException("varint out of range");
          }
          return value;
        }
      }
      throw new IllegalArgumentException("varint too long");
    }

    byte peek(int index) {
      if (at + index >= end) {
        throw new IllegalArgumentException("cut short");
      }
      return bytes[at + index];
    }

    void skip(int n) {
      at += n;
    }

    int remaining() {
      return end - at;
    }

    boolean atEnd() {
      return at == end;
    }
  }
}
