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
 * Each item's best co-interacted items, precomputed, with popular items as the fallback.
 *
 * <p>{@link #scoreItemsForItem} writes two tiers so that one top-K pass does what Amazon describes
 * (spec §3.10: "insufficient data ⇒ popular items"): neighbours score their positive similarity,
 * every other item scores {@code −1/(1 + users)} (in {@code [−1, 0)}, higher for more popular
 * items), so neighbours come first and popular items fill the rest.
 */
final class SimsModel implements Model {
  static final int FORMAT_VERSION = 1;

  private static final Set<ModelCapability> CAPABILITIES =
      EnumSet.of(ModelCapability.ITEMS_FOR_ITEM);

  private final String recipe;
  private final int numUsers;
  private final int[] popularity;
  private final int[] ptr;
  private final int[] neighbors;
  private final float[] similarity;

  SimsModel(
      String recipe,
      int numUsers,
      int[] popularity,
      int[] ptr,
      int[] neighbors,
      float[] similarity) {
    this.recipe = recipe;
    this.numUsers = numUsers;
    this.popularity = popularity;
    this.ptr = ptr;
    this.neighbors = neighbors;
    this.similarity = similarity;
  }

  @Override
  public int numUsers() {
    return numUsers;
  }

  @Override
  public int numItems() {
    return popularity.length;
  }

  @Override
  public Set<ModelCapability> capabilities() {
    return CAPABILITIES;
  }

  @Override
  public ScoreKind scoreKind() {
    return ScoreKind.RANK_ONLY;
  }

  /**
   * The number of precomputed neighbours of an item.
   *
   * @param itemIdx the item
   * @return how many items rank above the popularity fallback for it
   */
  int neighborCount(int itemIdx) {
    return ptr[itemIdx + 1] - ptr[itemIdx];
  }

  @Override
  public void scoreItemsForItem(int itemIdx, float[] out) {
    int n = popularity.length;
    Checks.index("itemIdx", itemIdx, n);
    Checks.buffer("out", out, n);
    for (int j = 0; j < n; j++) {
      out[j] = -1f / (1f + popularity[j]);
    }
    for (int e = ptr[itemIdx]; e < ptr[itemIdx + 1]; e++) {
      out[neighbors[e]] = similarity[e];
    }
    out[itemIdx] = Float.NEGATIVE_INFINITY;
  }

  @Override
  public void writeTo(OutputStream out) throws IOException {
    DataOutputStream data = ModelIO.header(out, recipe, FORMAT_VERSION);
    data.writeInt(numUsers);
    ModelIO.writeInts(data, popularity);
    ModelIO.writeInts(data, ptr);
    ModelIO.writeInts(data, neighbors);
    ModelIO.writeFloats(data, similarity);
    data.flush();
  }

  static SimsModel read(InputStream in, String recipe) throws IOException {
    DataInputStream data = ModelIO.readHeader(in, recipe, FORMAT_VERSION);
    int numUsers = data.readInt();
    int[] popularity = ModelIO.readInts(data, "popularity");
    int[] ptr = ModelIO.readInts(data, "ptr");
    int[] neighbors = ModelIO.readInts(data, "neighbors");
    float[] similarity = ModelIO.readFloats(data, "similarity");
    int n = popularity.length;
    ModelIO.require(numUsers >= 0 && ptr.length == n + 1 && ptr[0] == 0, "bad shape");
    ModelIO.require(
        ptr[n] == neighbors.length && neighbors.length == similarity.length, "bad lengths");
    for (int i = 0; i < n; i++) {
      ModelIO.require(ptr[i] <= ptr[i + 1], "offsets must not decrease");
    }
    for (int e = 0; e < neighbors.length; e++) {
      ModelIO.require(
          neighbors[e] >= 0 && neighbors[e] < n && similarity[e] > 0, "bad neighbour " + e);
    }
    return new SimsModel(recipe, numUsers, popularity, ptr, neighbors, similarity);
  }
}
