package org.openpersonalize.spark;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.openpersonalize.api.model.InvalidInputException;
import org.openpersonalize.api.model.PersonalizeException;
import org.openpersonalize.engine.internal.training.ModelArtifact;
import org.openpersonalize.recipes.AlsPayload;

/**
 * The one place this module meets the engine's model format: the {@code OPMODEL} container (engine
 * {@code ModelArtifact}: header, dictionaries, popularity, creation times, CRC-32) around the
 * {@code aws-user-personalization} payload, which the recipe module writes and reads itself ({@code
 * AlsPayload}), so its layout lives in one place. The tests read what this writes with the recipe's
 * own reader and serve it from a campaign, so a mismatch fails the build.
 */
final class ModelFile {
  static final String RECIPE = "aws-user-personalization";
  static final String RECIPE_ARN = "arn:aws:personalize:::recipe/" + RECIPE;

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
      SparkAls.Params p,
      AlsPayload.Extras extras,
      Serving s) {
    byte[] payload = payload(f, p, extras);
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

  /**
   * The recipe's payload, written by the recipe's own writer: the factors, the fold-in's Gram
   * matrix with {@code fold_in_regularization}, and the repeat propensity and item-metadata prior
   * of {@code extras}.
   */
  static byte[] payload(SparkAls.Factors f, SparkAls.Params p, AlsPayload.Extras extras) {
    try {
      ByteArrayOutputStream bytes =
          new ByteArrayOutputStream(4 * (f.x().length + f.y().length) + 8 * f.gramY().length + 256);
      AlsPayload.write(
          bytes,
          RECIPE,
          new AlsPayload.Factors(
              f.k(),
              f.numUsers(),
              f.numItems(),
              p.alpha(),
              p.recency(),
              p.bptt(),
              f.x(),
              f.y(),
              f.coldUser(),
              p.foldInGram(f.gramY(), f.k())),
          extras);
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
    AlsPayload.Factors p;
    try {
      p = AlsPayload.read(new ByteArrayInputStream(a.payload()), RECIPE);
    } catch (IOException e) {
      throw new InvalidInputException(
          "model payload must be a readable " + RECIPE + " payload; got: " + e.getMessage());
    }
    if (p.numUsers() != a.userIds().length || p.numItems() != a.itemIds().length) {
      throw new InvalidInputException(
          "model payload must match its dictionaries; got: " + source + " is inconsistent");
    }
    return new Loaded(
        a.userIds(),
        a.itemIds(),
        a.popular(),
        a.popularity(),
        new SparkAls.Factors(
            p.k(),
            p.numUsers(),
            p.numItems(),
            p.userFactors(),
            p.itemFactors(),
            p.coldUser(),
            p.gram(),
            null),
        p.alpha(),
        p.recencyMask(),
        p.bptt());
  }
}
