package org.openpersonalize.recipes;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.EnumSet;
import java.util.Set;
import org.openpersonalize.spi.Model;
import org.openpersonalize.spi.ModelCapability;
import org.openpersonalize.spi.ScoreKind;

/**
 * The same ranking for everyone: each item scores its number of distinct users. Scores are exact up
 * to 2<sup>24</sup> users per item, far beyond where the order of such items matters.
 */
final class PopularityModel implements Model {
  static final int FORMAT_VERSION = 1;

  private static final Set<ModelCapability> CAPABILITIES =
      EnumSet.of(ModelCapability.ITEMS_FOR_USER, ModelCapability.ITEMS_FOR_HISTORY);

  private final String recipe;
  private final int numUsers;
  private final int[] distinctUsers;

  PopularityModel(String recipe, int numUsers, int[] distinctUsers) {
    this.recipe = recipe;
    this.numUsers = numUsers;
    this.distinctUsers = distinctUsers;
  }

  @Override
  public int numUsers() {
    return numUsers;
  }

  @Override
  public int numItems() {
    return distinctUsers.length;
  }

  @Override
  public Set<ModelCapability> capabilities() {
    return CAPABILITIES;
  }

  @Override
  public ScoreKind scoreKind() {
    return ScoreKind.RANK_ONLY;
  }

  @Override
  public void scoreItemsForUser(int userIdx, float[] out) {
    Checks.index("userIdx", userIdx, numUsers);
    fill(out);
  }

  @Override
  public void scoreItemsForHistory(int[] itemIdx, float[] weights, int n, float[] out) {
    // The history does not change the list; it is still checked so that bad input fails alike
    // for every model.
    Checks.count("n", n, itemIdx.length);
    for (int e = 0; e < n; e++) {
      Checks.index("itemIdx[" + e + "]", itemIdx[e], distinctUsers.length);
    }
    fill(out);
  }

  private void fill(float[] out) {
    Checks.buffer("out", out, distinctUsers.length);
    for (int i = 0; i < distinctUsers.length; i++) {
      out[i] = distinctUsers[i];
    }
  }

  @Override
  public void writeTo(OutputStream out) throws IOException {
    DataOutputStream data = ModelIO.header(out, recipe, FORMAT_VERSION);
    data.writeInt(numUsers);
    ModelIO.writeInts(data, distinctUsers);
    data.flush();
  }

  static PopularityModel read(InputStream in, String recipe) throws IOException {
    DataInputStream data = ModelIO.readHeader(in, recipe, FORMAT_VERSION);
    int numUsers = data.readInt();
    ModelIO.require(numUsers >= 0, "numUsers " + numUsers);
    int[] counts = ModelIO.readInts(data, "distinctUsers");
    for (int c : counts) {
      ModelIO.require(c >= 0 && c <= numUsers, "count " + c + " of " + numUsers + " users");
    }
    return new PopularityModel(recipe, numUsers, counts);
  }
}
