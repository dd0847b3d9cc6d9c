package org.openpersonalize.engine.internal.csv;

import java.io.Reader;
import java.util.SplittableRandom;

/** Hands out a string a few characters per read, so every buffer boundary gets exercised. */
final class ChunkedReader extends Reader {
  private final String text;
  private final SplittableRandom random;
  private final int maxChunk;
  private int pos;

  ChunkedReader(String text, long seed, int maxChunk) {
    this.text = text;
    this.random = new SplittableRandom(seed);
    this.maxChunk = maxChunk;
  }

  @Override
  public int read(char[] cbuf, int off, int len) {
    if (len == 0) {
      return 0;
    }
    if (pos == text.length()) {
      return -1;
    }
    int n = Math.min(Math.min(len, 1 + random.nextInt(maxChunk)), text.length() - pos);
    text.getChars(pos, pos + n, cbuf, off);
    pos += n;
    return n;
  }

  @Override
  public void close() {}
}
