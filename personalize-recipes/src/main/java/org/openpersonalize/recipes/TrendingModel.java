package org.openpersonalize.recipes;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.openpersonalize.spi.Model;
import org.openpersonalize.spi.ModelCapability;
import org.openpersonalize.spi.ScoreKind;

/**
 * Trending-Now's counts: per item, its interactions in the latest and the previous interval and its
 * distinct users. The same list for everyone, in two tiers so that one top-K pass does what Amazon
 * describes: items whose interactions increased score {@code 1 + rate} (above 1, by rate of
 * increase), every other item {@code −1/(1 + users)} (in {@code [−1, 0)}, by popularity). See
 * {@link TrendingNowRecipe} for the rate.
 */
final class TrendingModel implements Model {
  static final int FORMAT_VERSION = 1;

  private static final Set<ModelCapability> CAPABILITIES =
      EnumSet.of(ModelCapability.ITEMS_FOR_USER, ModelCapability.ITEMS_FOR_HISTORY);

  private final String recipe;
  private final int numUsers;
  private final long end;
  private final long interval;
  private final int[] latest;
  private final int[] previous;
  private final int[] popularity;
  private final float[] scores;
  private final int trending;

  TrendingModel(
      String recipe,
      int numUsers,
      long end,
      long interval,
      int[] latest,
      int[] previous,
      int[] popularity) {
    this.recipe = recipe;
    this.numUsers = numUsers;
    this.end = end;
    this.interval = interval;
    this.latest = latest;
    this.previous = previous;
    this.popularity = popularity;
    int n = popularity.length;
    long previousTotal = 0;
    int active = 0;
    for (int i = 0; i < n; i++) {
      previousTotal += previous[i];
      active += latest[i] > 0 || previous[i] > 0 ? 1 : 0;
    }
    double m = Math.max(1.0, active == 0 ? 1.0 : (double) previousTotal / active);
    this.scores = new float[n];
    int up = 0;
    for (int i = 0; i < n; i++) {
      if (latest[i] > previous[i]) {
        scores[i] = (float) (1 + (latest[i] - previous[i]) / (previous[i] + m));
        up++;
      } else {
        scores[i] = -1f / (1f + popularity[i]);
      }
    }
    this.trending = up;
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

  /** Interactions of an item in the latest interval. */
  int latestCount(int item) {
    return latest[item];
  }

  /** Interactions of an item in the interval before the latest. */
  int previousCount(int item) {
    return previous[item];
  }

  /** The number of items whose interactions increased, which lead every list. */
  int trendingItems() {
    return trending;
  }

  @Override
  public Map<String, String> learnedParameters() {
    // The interval is published so that offline evaluation can hold out the next interval (spec
    // §8 "trend prediction accuracy") without the engine knowing this recipe's hyperparameters.
    return Map.of(
        "learned.trend_reference_timestamp", Long.toString(end),
        "learned.trend_interval_seconds", Long.toString(interval),
        "learned.trending_items", Integer.toString(trending));
  }

  @Override
  public void scoreItemsForUser(int userIdx, float[] out) {
    Checks.index("userIdx", userIdx, numUsers);
    fill(out);
  }

  @Override
  public void scoreItemsForHistory(int[] itemIdx, float[] weights, int n, float[] out) {
    // Trends are the same for everyone; the history is still checked so bad input fails alike.
    Checks.count("n", n, itemIdx.length);
    for (int e = 0; e < n; e++) {
      Checks.index("itemIdx[" + e + "]", itemIdx[e], popularity.length);
    }
    fill(out);
  }

  private void fill(float[] out) {
    Checks.buffer("out", out, scores.length);
    System.arraycopy(scores, 0, out, 0, scores.length);
  }

  @Override
  public void writeTo(OutputStream out) throws IOException {
    DataOutputStream data = ModelIO.header(out, recipe, FORMAT_VERSION);
    data.writeInt(numUsers);
    data.writeLong(end);
    data.writeLong(interval);
    ModelIO.writeInts(data, latest);
    ModelIO.writeInts(data, previous);
    ModelIO.writeInts(data, popularity);
    data.flush();
  }

  static TrendingModel read(InputStream in, String recipe) throws IOException {
    DataInputStream data = ModelIO.readHeader(in, recipe, FORMAT_VERSION);
    int numUsers = data.readInt();
    long end = data.readLong();
    long interval = data.readLong();
    ModelIO.require(interval > 0, "interval " + interval);
    int[] latest = ModelIO.readInts(data, "latest");
    int[] previous = ModelIO.readInts(data, "previous");
    int[] popularity = ModelIO.readInts(data, "popularity");
    int n = popularity.length;
    ModelIO.require(numUsers >= 0 && latest.length == n && previous.length == n, "bad shape");
    for (int i = 0; i < n; i++) {
      ModelIO.require(
          latest[i] >= 0 && previous[i] >= 0 && popularity[i] >= 0 && popularity[i] <= numUsers,
          "bad counts of item " + i);
    }
    return new TrendingModel(recipe, numUsers, end, interval, latest, previous, popularity);
  }
}
