package io.workflowresult.api;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A filter stream in which every read, single bytes and skips included, goes through {@link
 * #read(byte[], int, int)}, so a subclass that counts or keeps bytes sees each one.
 */
abstract class ReadThroughStream extends FilterInputStream {

  ReadThroughStream(InputStream in) {
    super(in);
  }

  @Override
  public abstract int read(byte[] b, int off, int len) throws IOException;

  @Override
  public final int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public final long skip(long n) throws IOException {
    byte[] scratch = new byte[(int) Math.min(Math.max(n, 0), 8192)];
    return Math.max(read(scratch, 0, scratch.length), 0);
  }
}
