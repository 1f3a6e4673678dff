package io.workflowresult.api;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Keeps the bytes a JSON parser reads, addressed by absolute offset, so that the parser can later
 * copy raw slices of the document (byte-for-byte). A <em>droppable region</em> (the value of {@code
 * input} or {@code output}) is kept only while it stays under a limit; past it the region's bytes
 * are released and only a bounded tail of the stream is kept until the parser ends the region, so a
 * 60 MB value never sits in memory.
 *
 * <p>Not thread-safe: one parser reads it on one thread.
 */
final class RecordingInputStream extends ReadThroughStream {

  /**
   * Bytes kept behind the read position while a region is skipped. A parser reads ahead at most its
   * buffer (8000 bytes for Jackson) plus the field name that follows a value, which {@link
   * RunObjectReader} bounds; this is generously above both.
   */
  static final int TAIL_BYTES = 256 * 1024;

  private final List<Span> spans = new ArrayList<>();
  private Span current;
  private long position;

  private long regionStart = -1;
  private long regionLimit;
  private boolean regionOverflowed;
  private byte[] tail = new byte[0];
  private long tailStart;
  private int tailLength;
  private long peakHeld;

  RecordingInputStream(InputStream in) {
    super(in);
    current = new Span(0);
    spans.add(current);
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = in.read(b, off, len);
    if (n > 0) {
      record(b, off, n);
      position += n;
    }
    return n;
  }

  /**
   * Starts a droppable region at absolute offset {@code start}: its bytes are kept while fewer than
   * {@code keepAtMost} bytes were read from {@code start} on; past that they are released.
   */
  void beginDroppable(long start, long keepAtMost) {
    regionStart = start;
    regionLimit = start + Math.max(0, keepAtMost);
    regionOverflowed = false;
    if (position > regionLimit) {
      overflow(new byte[0], 0, 0);
    }
  }

  /**
   * Ends the current droppable region; bytes from {@code resumeAt} on are kept again. Returns
   * whether the region overflowed (its bytes are gone).
   */
  boolean endDroppable(long resumeAt) {
    boolean overflowed = regionOverflowed;
    if (overflowed) {
      if (resumeAt < tailStart || resumeAt > position) {
        throw new IllegalStateException(
            "cannot resume recording at " + resumeAt + " (tail starts at " + tailStart + ")");
      }
      current = new Span(resumeAt);
      current.append(tail, (int) (resumeAt - tailStart), (int) (position - resumeAt));
      spans.add(current);
      tail = new byte[0];
      tailLength = 0;
    }
    regionStart = -1;
    regionOverflowed = false;
    return overflowed;
  }

  /** The kept bytes {@code [from, to)}; they must lie in one kept span. */
  byte[] slice(long from, long to) {
    for (Span span : spans) {
      if (span.start <= from && to <= span.start + span.length) {
        return Arrays.copyOfRange(span.bytes, (int) (from - span.start), (int) (to - span.start));
      }
    }
    throw new IllegalStateException("bytes " + from + ".." + to + " were not kept");
  }

  /** The most bytes held in memory at once so far (for tests of the bound). */
  long peakHeldBytes() {
    return peakHeld;
  }

  private long heldBytes() {
    long held = tail.length;
    for (Span span : spans) {
      held += span.bytes.length;
    }
    return held;
  }

  private void record(byte[] b, int off, int n) {
    if (current == null) {
      appendToTail(b, off, n);
    } else if (regionStart >= 0 && position + n > regionLimit) {
      overflow(b, off, n);
    } else {
      current.append(b, off, n);
    }
    peakHeld = Math.max(peakHeld, heldBytes());
  }

  /** Releases the region's bytes, keeping only the tail from the region start on. */
  private void overflow(byte[] b, int off, int n) {
    byte[] alreadyRead = current.cutFrom(regionStart);
    tailStart = regionStart;
    tailLength = 0;
    appendToTail(alreadyRead, 0, alreadyRead.length);
    appendToTail(b, off, n);
    current = null;
    regionOverflowed = true;
  }

  /** Appends to the tail, keeping at least the last {@link #TAIL_BYTES} bytes. */
  private void appendToTail(byte[] b, int off, int n) {
    if (n >= TAIL_BYTES) {
      ensureTailCapacity(TAIL_BYTES);
      System.arraycopy(b, off + n - TAIL_BYTES, tail, 0, TAIL_BYTES);
      tailStart += tailLength + n - TAIL_BYTES;
      tailLength = TAIL_BYTES;
      return;
    }
    if (tailLength + n > 2 * TAIL_BYTES) {
      int keep = TAIL_BYTES - n;
      System.arraycopy(tail, tailLength - keep, tail, 0, keep);
      tailStart += tailLength - keep;
      tailLength = keep;
    }
    ensureTailCapacity(tailLength + n);
    System.arraycopy(b, off, tail, tailLength, n);
    tailLength += n;
  }

  private void ensureTailCapacity(int capacity) {
    if (tail.length < capacity) {
      tail = Arrays.copyOf(tail, Math.min(2 * TAIL_BYTES, Math.max(capacity, tail.length * 2)));
    }
  }

  /** A run of kept bytes starting at an absolute offset. */
  private static final class Span {
    final long start;
    byte[] bytes = new byte[8192];
    int length;

    Span(long start) {
      this.start = start;
    }

    void append(byte[] b, int off, int n) {
      if (length + n > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(length + n, bytes.length * 2));
      }
      System.arraycopy(b, off, bytes, length, n);
      length += n;
    }

    /** Drops the bytes from absolute offset {@code from} on and returns them. */
    byte[] cutFrom(long from) {
      int keep = (int) (from - start);
      byte[] cut = Arrays.copyOfRange(bytes, keep, length);
      length = keep;
      bytes = Arrays.copyOf(bytes, keep);
      return cut;
    }
  }
}
