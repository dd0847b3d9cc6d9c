package org.openpersonalize.recipes;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The model payload of {@code aws-user-personalization} and {@code aws-personalized-ranking} for
 * factors trained outside this module ({@code personalize-spark} trains the same implicit ALS on a
 * cluster): one writer and one reader of the layout {@code AlsModel} uses, so that no other module
 * repeats it. What {@link #write} produces, the recipe's {@link
 * org.openpersonalize.spi.Recipe#readModel} reads into a servable model (CreateCampaign,
 * GetRecommendations with real-time events); such a model has no repeat propensity and no metadata
 * fold-in prior, which only this module's training learns.
 */
public final class AlsPayload {
  private AlsPayload() {}

  /**
   * Implicit-ALS factors and the settings serving needs. Arrays are shared, not copied: they are
   * hundreds of megabytes for large catalogues, and the caller hands them over.
   *
   * @param k the number of factors
   * @param numUsers users, rows of {@code userFactors}
   * @param numItems items, rows of {@code itemFactors}
   * @param alpha the confidence scale used in training ({@code confidence_alpha})
   * @param recencyMask whether recent events weigh more ({@code recency_mask})
   * @param bptt the recency window ({@code bptt})
   * @param userFactors {@code numUsers × k}, row-major
   * @param itemFactors {@code numItems × k}, row-major
   * @param coldUser the vector of a user with no history, length {@code k}
   * @param gram {@code Yᵀ Y} of the item factors, {@code k × k} row-major
   */
  public record Factors(
      int k,
      int numUsers,
      int numItems,
      float alpha,
      boolean recencyMask,
      int bptt,
      float[] userFactors,
      float[] itemFactors,
      float[] coldUser,
      double[] gram) {}

  /**
   * Writes the payload of a model of {@code recipe} with these factors.
   *
   * @param out where to write; not closed
   * @param recipe {@code aws-user-personalization} or {@code aws-personalized-ranking}
   * @param f the factors
   * @throws IOException when writing fails
   * @throws IllegalArgumentException when the arrays do not match the dimensions
   */
  public static void write(OutputStream out, String recipe, Factors f) throws IOException {
    if (f.k() < 1
        || f.numUsers() < 0
        || f.numItems() < 0
        || f.bptt() < 1
        || f.userFactors().length != (long) f.numUsers() * f.k()
        || f.itemFactors().length != (long) f.numItems() * f.k()
        || f.coldUser().length != f.k()
        || f.gram().length != f.k() * f.k()) {
      throw new IllegalArgumentException(
          "factors must match k="
              + f.k()
              + ", users="
              + f.numUsers()
              + ", items="
              + f.numItems()
              + " and bptt >= 1; got: userFactors "
              + f.userFactors().length
              + ", itemFactors "
              + f.itemFactors().length
              + ", coldUser "
              + f.coldUser().length
              + ", gram "
              + f.gram().length
              + ", bptt "
              + f.bptt());
    }
    new AlsModel(
            recipe,
            f.k(),
            f.numUsers(),
            f.numItems(),
            f.alpha(),
            f.recencyMask(),
            f.bptt(),
            f.userFactors(),
            f.itemFactors(),
            f.coldUser(),
            f.gram(),
            null,
            null)
        .writeTo(out);
  }

  /**
   * Reads the factors of a payload of {@code recipe} (a repeat propensity or fold-in prior in it is
   * read and not returned: batch scoring on a cluster uses the factors).
   *
   * @param in the payload; read to its end, not closed
   * @param recipe the recipe the payload must belong to
   * @return the factors
   * @throws IOException when the payload is not such a model, is damaged, or has another format
   *     version (the message says which)
   */
  public static Factors read(InputStream in, String recipe) throws IOException {
    AlsModel m = AlsModel.read(in, recipe);
    return new Factors(
        m.k,
        m.numUsers,
        m.numItems,
        m.alpha,
        m.recencyMask,
        m.bptt,
        m.userFactors,
        m.itemFactors,
        m.coldUser,
        m.gram);
  }
}
