package org.openpersonalize.engine.internal.training;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.zip.CRC32;
import org.openpersonalize.api.model.InternalFailureException;
import org.openpersonalize.api.model.PersonalizeException;
import org.openpersonalize.engine.internal.data.DatasetGroupData;
import org.openpersonalize.spi.Recipe;

/**
 * A trained solution version as stored: the recipe's model payload plus what serving needs beside
 * it — the ID dictionaries the model's indices refer to, the popularity fallback for unknown users,
 * per-item interaction counts and creation times for exploration, and the latest interaction time
 * of the training data.
 *
 * <p>Layout (big-endian, Lucene-style): magic {@code OPMODEL\0}, format version, the identity of
 * the solution version and dataset group the model was trained for, header fields, recipe payload,
 * and a CRC-32 footer over everything before it. A file with another magic, an unknown version or a
 * wrong checksum is refused with a message naming it; it is never served. The identity is inside
 * the checksum, so a valid file copied over another version's file is refused too ({@link
 * #checkBelongsTo}) instead of serving another dataset group's items.
 *
 * <p>Format versions: 1 had no identity and is refused with a message saying so (retrain); 2 is
 * this layout.
 *
 * @param solutionVersionArn the solution version the model belongs to
 * @param datasetGroupArn the dataset group whose data trained it
 * @param recipeArn the recipe that trained the model
 * @param trainedUntil the latest interaction timestamp in the training data (epoch seconds)
 * @param userIds user index → ID
 * @param itemIds item index → ID
 * @param popular item indices by descending popularity (distinct users), at most {@link
 *     #MAX_POPULAR}
 * @param popularity distinct users per item, parallel to {@code itemIds}
 * @param itemCreated creation time per item (spec §2.2.6), parallel to {@code itemIds}
 * @param payload the recipe's serialized model
 */
public record ModelArtifact(
    String solutionVersionArn,
    String datasetGroupArn,
    String recipeArn,
    long trainedUntil,
    String[] userIds,
    String[] itemIds,
    int[] popular,
    int[] popularity,
    long[] itemCreated,
    byte[] payload) {

  /** How many popular items the fallback keeps (the most GetRecommendations can ask for). */
  public static final int MAX_POPULAR = 500;

  private static final byte[] MAGIC = {'O', 'P', 'M', 'O', 'D', 'E', 'L', 0};
  private static final int VERSION = 2;

  /**
   * The same model stored for another solution version (trainingMode UPDATE serves the latest FULL
   * version's model under the new version's identity).
   *
   * @param versionArn the solution version the copy belongs to
   * @return a copy with that identity; the arrays are shared, as the artifact is never mutated
   */
  public ModelArtifact forVersion(String versionArn) {
    return forVersion(versionArn, datasetGroupArn);
  }

  /**
   * This model stamped as another solution version of the given dataset group: a model file
   * imported from outside the engine joins the version and group it is registered under.
   */
  public ModelArtifact forVersion(String versionArn, String groupArn) {
    return new ModelArtifact(
        versionArn,
        groupArn,
        recipeArn,
        trainedUntil,
        userIds,
        itemIds,
        popular,
        popularity,
        itemCreated,
        payload);
  }

  /**
   * Refuses an artifact read for a solution version it does not belong to, naming both.
   *
   * @param versionArn the solution version whose file was read
   * @param source the file name for the message
   * @return this artifact
   * @throws InternalFailureException if the file carries another version's identity
   */
  public ModelArtifact checkBelongsTo(String versionArn, String source) {
    if (!solutionVersionArn.equals(versionArn)) {
      throw failure(
          "Model file "
              + source
              + " belongs to solution version "
              + solutionVersionArn
              + " (dataset group "
              + datasetGroupArn
              + "), not to "
              + versionArn
              + ", and will not be served. Restore that version's own file or create a new"
              + " solution version.");
    }
    return this;
  }

  /** Serializes the artifact with its checksum. */
  public byte[] toBytes() {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(payload.length + 1024);
      DataOutputStream out = new DataOutputStream(bytes);
      out.write(MAGIC);
      out.writeInt(VERSION);
      out.writeUTF(solutionVersionArn);
      out.writeUTF(datasetGroupArn);
      out.writeUTF(recipeArn);
      out.writeLong(trainedUntil);
      writeStrings(out, userIds);
      writeStrings(out, itemIds);
      writeInts(out, popular);
      writeInts(out, popularity);
      out.writeInt(itemCreated.length);
      for (long v : itemCreated) {
        out.writeLong(v);
      }
      out.writeInt(payload.length);
      out.write(payload);
      out.flush();
      CRC32 crc = new CRC32();
      crc.update(bytes.toByteArray());
      out.writeLong(crc.getValue());
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException("in-memory write failed", e);
    }
  }

  /**
   * Reads an artifact, verifying magic, version and checksum.
   *
   * @param bytes the stored bytes
   * @param source the file name (or other origin) for messages
   * @return the artifact
   * @throws InternalFailureException if the bytes are not a readable artifact
   */
  public static ModelArtifact fromBytes(byte[] bytes, String source) {
    if (bytes.length < MAGIC.length + 12) {
      throw damaged(source, "it is truncated (" + bytes.length + " bytes)");
    }
    for (int i = 0; i < MAGIC.length; i++) {
      if (bytes[i] != MAGIC[i]) {
        throw damaged(source, "it does not start with the model-file magic OPMODEL");
      }
    }
    CRC32 crc = new CRC32();
    crc.update(bytes, 0, bytes.length - 8);
    long stored = 0;
    for (int i = bytes.length - 8; i < bytes.length; i++) {
      stored = (stored << 8) | (bytes[i] & 0xFF);
    }
    if (crc.getValue() != stored) {
      throw damaged(source, "its checksum does not match (the file was changed or cut short)");
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      in.skipNBytes(MAGIC.length);
      int version = in.readInt();
      if (version == 1) {
        throw failure(
            "Model file "
                + source
                + " has format version 1, written before model files recorded their solution"
                + " version; this version reads format version "
                + VERSION
                + " only and will not serve it. Create a new solution version to replace it.");
      }
      if (version != VERSION) {
        throw damaged(
            source,
            "it has format version " + version + "; this version reads format version " + VERSION);
      }
      String versionArn = in.readUTF();
      String groupArn = in.readUTF();
      String recipe = in.readUTF();
      long until = in.readLong();
      String[] users = readStrings(in);
      String[] items = readStrings(in);
      int[] popular = readInts(in);
      int[] popularity = readInts(in);
      long[] created = new long[in.readInt()];
      for (int i = 0; i < created.length; i++) {
        created[i] = in.readLong();
      }
      byte[] payload = new byte[in.readInt()];
      in.readFully(payload);
      return new ModelArtifact(
          versionArn, groupArn, recipe, until, users, items, popular, popularity, created, payload);
    } catch (IOException | RuntimeException e) {
      if (e instanceof PersonalizeException) {
        throw (PersonalizeException) e;
      }
      throw damaged(source, "its contents cannot be read: " + e);
    }
  }

  private static InternalFailureException damaged(String source, String why) {
    return failure(
        "Model file "
            + source
            + " is damaged and will not be served: "
            + why
            + ". Create a new solution version to replace it.");
  }

  private static void writeStrings(DataOutputStream out, String[] s) throws IOException {
    out.writeInt(s.length);
    for (String v : s) {
      out.writeUTF(v);
    }
  }

  private static String[] readStrings(DataInputStream in) throws IOException {
    String[] s = new String[in.readInt()];
    for (int i = 0; i < s.length; i++) {
      s[i] = in.readUTF();
    }
    return s;
  }

  private static void writeInts(DataOutputStream out, int[] a) throws IOException {
    out.writeInt(a.length);
    for (int v : a) {
      out.writeInt(v);
    }
  }

  private static int[] readInts(DataInputStream in) throws IOException {
    int[] a = new int[in.readInt()];
    for (int i = 0; i < a.length; i++) {
      a[i] = in.readInt();
    }
    return a;
  }

  /**
   * A model file that cannot be served is a failure on the engine's side, not the caller's input:
   * {@link InternalFailureException}, not retryable (the file must be replaced first).
   */
  static InternalFailureException failure(String message) {
    return new InternalFailureException(message, false, null);
  }

  static InternalFailureException failure(String message, Throwable cause) {
    return new InternalFailureException(message, false, cause);
  }

  /**
   * The artifact of a trained model: the ID maps of the dataset group, the training data's
   * popularity and item creation times, and the model's own bytes.
   */
  static ModelArtifact of(
      String versionArn,
      String groupArn,
      Recipe recipe,
      DatasetGroupData data,
      Featurizer.Selected s,
      byte[] payload) {
    String[] users = new String[data.users().size()];
    for (int u = 0; u < users.length; u++) {
      users[u] = data.users().id(u);
    }
    String[] items = new String[data.items().size()];
    for (int i = 0; i < items.length; i++) {
      items[i] = data.items().id(i);
    }
    int[] popularity = Popularity.distinctUsers(s);
    return new ModelArtifact(
        versionArn,
        groupArn,
        recipe.recipeArn(),
        s.reference(),
        users,
        items,
        Popularity.top(popularity, ModelArtifact.MAX_POPULAR),
        popularity,
        Featurizer.creationTimes(data.itemMetadata(), s),
        payload);
  }
}
