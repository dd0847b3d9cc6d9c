package org.openpersonalize.spark;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.openpersonalize.api.model.InvalidInputException;
import org.openpersonalize.api.model.PersonalizeException;
import org.openpersonalize.engine.internal.training.ModelArtifact;

/**
 * The one place this module meets the engine's model format: the {@code OPMODEL} container (engine
 * {@code ModelArtifact}: header, dictionaries, popularity, creation times, CRC-32) around the
 * {@code aws-user-personalization} payload (the recipe's {@code AlsModel} layout behind its {@code
 * OPRM} framing). A change to either format is one edit here; the tests read what this writes with
 * the recipe's own reader and serve it from a campaign, so a mismatch fails the build.
 */
final class ModelFile {
  static final String RECIPE = "aws-user-personalization";
  static final String RECIPE_ARN = "arn:aws:personalize:::recipe/" + RECIPE;

  /** The recipe payload framing: "OPRM", recipe name, format version. */
  private static final int PAYLOAD_MAGIC = 0x4F50524D;

  /**
   * The User-Personalization payload version (AlsModel's format 2: factors, then the optional
   * repeat propensity and fold-in prior). Spark training learns neither yet, so both are absent.
   */
  private static final int PAYLOAD_VERSION = 2;

  private static final int CHUNK = 1 << 16;

  private ModelFile() {}

  /**
   * What a model file holds besides the factors.
   *
   * @param trainedUntil latest selected interaction (epoch seconds)
   * @param popular item indices by descending popularity, at most 500
   * @param popularity distinct users per item
   * @param itemCreated creation time per item
   */
  record Serving(long trainedUntil, int[] popular, int[] popularity, long[] itemCreated) {}

  /** Serialises a trained model as the engine stores it. */
  static byte[] toBytes(
      String[] userIds,
      String[] itemIds,
      SparkAls.Factors f,
      float alpha,
      boolean recency,
      int bptt,
      Serving s) {
    byte[] payload = payload(f, alpha, recency, bptt);
    // No solution version exists yet: importSolutionVersion stamps the file with the version and
    // dataset group it joins, so the identity fields stay empty here.
    return new ModelArtifact(
            "",
            "",
            RECIPE_ARN,
            s.trainedUntil(),
            userIds,
            itemIds,
            s.popular(),
            s.popularity(),
            s.itemCreated(),
            payload)
        .toBytes();
  }

  /** How many popular items the engine keeps for its fallback. */
  static int maxPopular() {
    return ModelArtifact.MAX_POPULAR;
  }

  private static byte[] payload(SparkAls.Factors f, float alpha, boolean recency, int bptt) {
    try {
      ByteArrayOutputStream bytes =
          new ByteArrayOutputStream(4 * (f.x().length + f.y().length) + 8 * f.gramY().length + 256);
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeInt(PAYLOAD_MAGIC);
      out.writeUTF(RECIPE);
      out.writeInt(PAYLOAD_VERSION);
      out.writeInt(f.k());
      out.writeInt(f.numUsers());
      out.writeInt(f.numItems());
      out.writeFloat(alpha);
      out.writeBoolean(recency);
      out.writeInt(bptt);
      writeFloats(out, f.x());
      writeFloats(out, f.y());
      writeFloats(out, f.coldUser());
      out.writeInt(f.gramY().length);
      for (double v : f.gramY()) {
        out.writeDouble(v);
      }
      out.writeBoolean(false); // no repeat propensity: serving scores history items like others
      out.writeBoolean(false); // no item-metadata fold-in prior
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException("in-memory write failed", e);
    }
  }

  /**
   * A model file read back for batch scoring.
   *
   * @param popular item indices by descending popularity
   * @param popularity distinct users per item
   * @param alpha the confidence scale the model was trained with
   */
  record Loaded(
      String[] userIds,
      String[] itemIds,
      int[] popular,
      int[] popularity,
      SparkAls.Factors factors,
      float alpha,
      boolean recency,
      int bptt)
      implements java.io.Serializable {}

  /**
   * Reads a model file written by this class or by the engine for {@code aws-user-personalization},
   * verifying the container's magic, version and checksum.
   *
   * @throws InvalidInputException if the bytes are not such a model
   */
  static Loaded read(byte[] bytes, String source) {
    ModelArtifact a;
    try {
      a = ModelArtifact.fromBytes(bytes, source);
    } catch (PersonalizeException e) {
      throw new InvalidInputException(
          "model must be an OpenPersonalize model file; got: " + e.getMessage(), e);
    }
    if (!RECIPE_ARN.equals(a.recipeArn())) {
      throw new InvalidInputException(
          "model must be of recipe " + RECIPE_ARN + "; got: a model of " + a.recipeArn());
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(a.payload()))) {
      int magic = in.readInt();
      String recipe = in.readUTF();
      int version = in.readInt();
      if (magic != PAYLOAD_MAGIC || !RECIPE.equals(recipe) || version != PAYLOAD_VERSION) {
        throw new InvalidInputException(
            "model payload must be "
                + RECIPE
                + " format "
                + PAYLOAD_VERSION
                + "; got: "
                + recipe
                + " format "
                + version);
      }
      int k = in.readInt();
      int numUsers = in.readInt();
      int numItems = in.readInt();
      float alpha = in.readFloat();
      boolean recency = in.readBoolean();
      int bptt = in.readInt();
      float[] x = readFloats(in);
      float[] y = readFloats(in);
      float[] cold = readFloats(in);
      double[] gram = new double[in.readInt()];
      for (int i = 0; i < gram.length; i++) {
        gram[i] = in.readDouble();
      }
      if (x.length != (long) numUsers * k
          || y.length != (long) numItems * k
          || numUsers != a.userIds().length
          || numItems != a.itemIds().length) {
        throw new InvalidInputException(
            "model payload must match its dictionaries; got: " + source + " is inconsistent");
      }
      return new Loaded(
          a.userIds(),
          a.itemIds(),
          a.popular(),
          a.popularity(),
          new SparkAls.Factors(k, numUsers, numItems, x, y, cold, gram),
          alpha,
          recency,
          bptt);
    } catch (IOException e) {
      throw new InvalidInputException("model payload cannot be read: " + source + " (" + e + ")");
    }
  }

  private static void writeFloats(DataOutputStream out, float[] a) throws IOException {
    out.writeInt(a.length);
    ByteBuffer buf = ByteBuffer.allocate(CHUNK * Float.BYTES);
    for (int from = 0; from < a.length; from += CHUNK) {
      int n = Math.min(CHUNK, a.length - from);
      buf.clear();
      buf.asFloatBuffer().put(a, from, n);
      out.write(buf.array(), 0, n * Float.BYTES);
    }
  }

  private static float[] readFloats(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0) {
      throw new IOException("negative array length " + n);
    }
    float[] a = new float[n];
    byte[] bytes = new byte[CHUNK * Float.BYTES];
    ByteBuffer buf = ByteBuffer.wrap(bytes);
    for (int from = 0; from < n; from += CHUNK) {
      int m = Math.min(CHUNK, n - from);
      in.readFully(bytes, 0, m * Float.BYTES);
      buf.clear();
      buf.asFloatBuffer().get(a, from, m);
    }
    return a;
  }
}
