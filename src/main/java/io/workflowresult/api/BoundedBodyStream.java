package io.workflowresult.api;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Counts the bytes of a response body and fails the read that would pass {@code maxBytes}, so that
 * an oversized answer is never read to its end. Keeps the first {@code prefixBytes} bytes, to quote
 * a malformed answer.
 */
final class BoundedBodyStream extends ReadThroughStream {

  /** The body exceeded the limit; the stream stopped there. */
  static final class TooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    TooLargeException(long limit) {
      super("response body exceeds " + limit + " bytes");
    }
  }

  private final long maxBytes;
  private final byte[] prefix;
  private int prefixLength;
  private long count;

  BoundedBodyStream(InputStream in, long maxBytes, int prefixBytes) {
    super(in);
    this.maxBytes = maxBytes;
    this.prefix = new byte[prefixBytes];
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (count >= maxBytes) {
      // At the limit: one more byte means too large, end of stream means it fitted exactly.
      if (in.read() < 0) {
        return -1;
      }
      throw new TooLargeException(maxBytes);
    }
    int n = in.read(b, off, (int) Math.min(len, maxBytes - count));
    if (n > 0) {
      int toPrefix = Math.min(n, prefix.length - prefixLength);
      System.arraycopy(b, off, prefix, prefixLength, toPrefix);
      prefixLength += toPrefix;
      count += n;
    }
    return n;
  }

  /** The first bytes of the body (up to the prefix size). */
  byte[] prefix() {
    return Arrays.copyOf(prefix, prefixLength);
  }

  long count() {
    return count;
  }
}
