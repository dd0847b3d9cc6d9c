package org.openpersonalize.recipes;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Locale;

/**
 * The payload framing every model here shares: a magic number, the recipe name and a format
 * version, then the model's own fields, with primitive arrays written as a length and raw
 * big-endian values in chunks (one {@code DataOutputStream} call per value would be ten times
 * slower for a million item vectors).
 */
public final class ModelIO {
  /** "OPRM": OpenPersonalize recipe model. */
  static final int MAGIC = 0x4F50524D;

  private static final int CHUNK = 1 << 16;

  private ModelIO() {}

  /**
   * Writes the header (magic, recipe name, format version) and returns the stream for the fields.
   */
  public static DataOutputStream header(OutputStream out, String recipe, int version)
      throws IOException {
    DataOutputStream data = new DataOutputStream(out);
    data.writeInt(MAGIC);
    data.writeUTF(recipe);
    data.writeInt(version);
    return data;
  }

  /**
   * Reads and checks the header.
   *
   * @return the stream positioned at the model's fields
   * @throws IOException naming what was found and what is supported when the header does not match
   */
  public static DataInputStream readHeader(InputStream in, String recipe, int version)
      throws IOException {
    return readHeader(in, recipe, version, version).data();
  }

  /**
   * A header read by {@link #readHeader(InputStream, String, int, int)}.
   *
   * @param data the stream positioned at the model's fields
   * @param version the format version found
   */
  public record Header(DataInputStream data, int version) {}

  /**
   * Reads and checks the header of a recipe whose model format has several versions this code reads
   * (a newer version adds fields, so older files stay readable).
   *
   * @param oldest the oldest version read
   * @param newest the newest version read
   * @return the stream and the version found
   * @throws IOException naming what was found and what is supported when the header does not match
   */
  public static Header readHeader(InputStream in, String recipe, int oldest, int newest)
      throws IOException {
    DataInputStream data = new DataInputStream(in);
    int magic = data.readInt();
    if (magic != MAGIC) {
      throw new IOException(
          String.format(
              Locale.ROOT,
              "model payload must start with magic 0x%08X; got: 0x%08X (not a recipe model)",
              MAGIC,
              magic));
    }
    String found = data.readUTF();
    if (!found.equals(recipe)) {
      throw new IOException(
          "model payload must be of recipe " + recipe + "; got: a model of recipe " + found);
    }
    int v = data.readInt();
    if (v < oldest || v > newest) {
      throw new IOException(
          oldest == newest
              ? String.format(
                  Locale.ROOT,
                  "model format version of recipe %s must be %d (the only version this code"
                      + " reads); got: %d",
                  recipe,
                  oldest,
                  v)
              : String.format(
                  Locale.ROOT,
                  "model format version of recipe %s must be in [%d, %d] (the versions this code"
                      + " reads); got: %d",
                  recipe,
                  oldest,
                  newest,
                  v));
    }
    return new Header(data, v);
  }

  /** Writes a float array as its length and raw big-endian values. */
  public static void writeFloats(DataOutputStream out, float[] a) throws IOException {
    out.writeInt(a.length);
    ByteBuffer buf = ByteBuffer.allocate(CHUNK * Float.BYTES);
    for (int from = 0; from < a.length; from += CHUNK) {
      int n = Math.min(CHUNK, a.length - from);
      buf.clear();
      buf.asFloatBuffer().put(a, from, n);
      out.write(buf.array(), 0, n * Float.BYTES);
    }
  }

  /** Reads an array written by {@link #writeFloats}; {@code field} names it in errors. */
  public static float[] readFloats(DataInputStream in, String field) throws IOException {
    float[] a = new float[readLength(in, field)];
    byte[] bytes = new byte[CHUNK * Float.BYTES];
    ByteBuffer buf = ByteBuffer.wrap(bytes);
    for (int from = 0; from < a.length; from += CHUNK) {
      int n = Math.min(CHUNK, a.length - from);
      in.readFully(bytes, 0, n * Float.BYTES);
      buf.clear();
      buf.asFloatBuffer().get(a, from, n);
    }
    return a;
  }

  /** Writes an int array as its length and raw big-endian values. */
  public static void writeInts(DataOutputStream out, int[] a) throws IOException {
    out.writeInt(a.length);
    ByteBuffer buf = ByteBuffer.allocate(CHUNK * Integer.BYTES);
    for (int from = 0; from < a.length; from += CHUNK) {
      int n = Math.min(CHUNK, a.length - from);
      buf.clear();
      buf.asIntBuffer().put(a, from, n);
      out.write(buf.array(), 0, n * Integer.BYTES);
    }
  }

  /** Reads an array written by {@link #writeInts}; {@code field} names it in errors. */
  public static int[] readInts(DataInputStream in, String field) throws IOException {
    int[] a = new int[readLength(in, field)];
    byte[] bytes = new byte[CHUNK * Integer.BYTES];
    ByteBuffer buf = ByteBuffer.wrap(bytes);
    for (int from = 0; from < a.length; from += CHUNK) {
      int n = Math.min(CHUNK, a.length - from);
      in.readFully(bytes, 0, n * Integer.BYTES);
      buf.clear();
      buf.asIntBuffer().get(a, from, n);
    }
    return a;
  }

  static void writeDoubles(DataOutputStream out, double[] a) throws IOException {
    out.writeInt(a.length);
    for (double v : a) {
      out.writeDouble(v);
    }
  }

  static double[] readDoubles(DataInputStream in, String field) throws IOException {
    double[] a = new double[readLength(in, field)];
    for (int i = 0; i < a.length; i++) {
      a[i] = in.readDouble();
    }
    return a;
  }

  private static int readLength(DataInputStream in, String field) throws IOException {
    int n = in.readInt();
    if (n < 0) {
      throw new IOException(field + " length must be >= 0; got: " + n + " (damaged payload)");
    }
    return n;
  }

  /** Checks a value read from a payload; damaged payloads fail here rather than in scoring. */
  public static void require(boolean ok, String what) throws IOException {
    if (!ok) {
      throw new IOException("model payload is inconsistent: " + what);
    }
  }
}
