package org.openpersonalize.spark;

import static org.apache.spark.sql.functions.col;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.openpersonalize.api.model.InvalidInputException;
import org.openpersonalize.engine.internal.training.Featurizer;
import org.openpersonalize.recipes.AlsPayload;
import org.openpersonalize.recipes.UserPersonalizationRecipe;
import org.openpersonalize.spi.Hyperparameters;
import org.openpersonalize.spi.TopK;

/**
 * Trains {@code aws-user-personalization} on Apache Spark: the training step of Amazon
 * Personalize's {@code CreateSolutionVersion}, for interaction data that outgrows one machine.
 *
 * <p>Reads interactions from any Spark {@code Dataset<Row>} (Parquet, CSV, JDBC, a table, or the
 * CSV files an engine imported), selects them with the engine's rules (duplicates removed, the
 * solution's event type and event-value threshold, spec §2.2), trains the recipe's implicit ALS
 * with its conjugate-gradient solver distributed over Spark partitions, optionally computes the
 * offline metrics on spec §8's split, and returns a {@link SparkTrainedModel} in the engine's model
 * format, which {@link SparkTrainedModel#importInto} registers as a solution version so campaigns
 * serve it. Hyperparameters are the recipe's own names, defaults and ranges.
 *
 * <pre>{@code
 * SparkTrainedModel m = SparkUserPersonalization.builder()
 *     .eventType("watch").hyperParameters(Map.of("hidden_dimension", "64")).seed(42).build()
 *     .train(spark.read().parquet("s3a://bucket/interactions/"));
 * m.writeTo(Path.of("/models/up.opm"));
 * }</pre>
 */
public final class SparkUserPersonalization {
  private final String eventType;
  private final String eventValueThreshold;
  private final Map<String, String> hyperParameters;
  private final long seed;
  private final int blocks;
  private final boolean computeMetrics;
  private final boolean checkMinimum;
  private final BiConsumer<Double, String> progress;
  private final List<String> itemCategorical;
  private final List<String> userCategorical;

  private SparkUserPersonalization(Builder b) {
    this.eventType = b.eventType;
    this.eventValueThreshold = b.eventValueThreshold;
    this.hyperParameters = Map.copyOf(b.hyperParameters);
    this.seed = b.seed;
    this.blocks = b.blocks;
    this.computeMetrics = b.computeMetrics;
    this.checkMinimum = b.checkMinimum;
    this.progress = b.progress;
    this.itemCategorical = b.itemCategorical;
    this.userCategorical = b.userCategorical;
  }

  /**
   * Starts a builder.
   *
   * @return a builder with the recipe's defaults, seed 42, metrics on
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Trains on interactions only.
   *
   * @param interactions columns {@code USER_ID}, {@code ITEM_ID}, {@code TIMESTAMP} (epoch
   *     seconds), optionally {@code EVENT_TYPE}, {@code EVENT_VALUE}
   * @return the trained model
   * @throws InvalidInputException if a column is missing, a value is null, a hyperparameter is
   *     invalid, or there is less data than spec §2.1 requires
   */
  public SparkTrainedModel train(Dataset<Row> interactions) {
    return train(interactions, null, null);
  }

  /**
   * Trains on interactions, with the Items and Users data adding catalogue items and users without
   * interactions, their categorical columns (see {@link Builder#itemCategoricalColumns}) and items'
   * {@code CREATION_TIMESTAMP} (for exploration).
   *
   * @param interactions as in {@link #train(Dataset)}
   * @param items Items data with {@code ITEM_ID}, or null
   * @param users Users data with {@code USER_ID}, or null
   * @return the trained model
   * @throws InvalidInputException as {@link #train(Dataset)}
   */
  public SparkTrainedModel train(
      Dataset<Row> interactions, Dataset<Row> items, Dataset<Row> users) {
    Objects.requireNonNull(interactions, "interactions");
    SparkSession spark = interactions.sparkSession();
    UserPersonalizationRecipe recipe = new UserPersonalizationRecipe();
    Hyperparameters hp;
    try {
      hp = recipe.resolveHyperparameters(hyperParameters);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("hyperParameters: " + e.getMessage(), e);
    }
    Featurizer.Selection selection = Featurizer.Selection.of(eventType, eventValueThreshold);
    int numBlocks = blocks > 0 ? blocks : spark.sparkContext().defaultParallelism();
    SparkAls.Params p = SparkAls.Params.from(hp, numBlocks);
    SparkFeaturizer.Features f =
        SparkFeaturizer.select(
            spark,
            interactions,
            items,
            users,
            itemCategorical,
            userCategorical,
            selection,
            checkMinimum);
    try {
      Map<String, Double> metrics = Map.of();
      double metricsShare = computeMetrics ? 0.5 : 0;
      if (computeMetrics) {
        metrics = SparkMetrics.evaluate(spark, f, p, seed, (fr, m) -> report(fr * metricsShare, m));
      }
      SparkAls.Factors factors =
          SparkAls.train(
              spark,
              f.selected(),
              f.userIds().length,
              f.itemIds().length,
              p,
              seed,
              f.metadata(),
              (fr, m) -> report(metricsShare + fr * (1 - metricsShare), m));
      AlsPayload.RepeatCounts repeats =
          p.repeatAwareness() ? SparkRepeats.count(f, numBlocks) : null;
      ModelFile.Serving serving = serving(f);
      return new SparkTrainedModel(
          ModelFile.toBytes(
              f.userIds(), f.itemIds(), factors, p, extras(f, factors, p, repeats), serving),
          f.userIds(),
          f.itemIds(),
          factors,
          new LinkedHashMap<>(hp.asMap()),
          metrics,
          f.numSelected());
    } finally {
      f.release();
    }
  }

  /** What the model holds besides the factors: repeat counts and the item-metadata prior. */
  static AlsPayload.Extras extras(
      SparkFeaturizer.Features f,
      SparkAls.Factors factors,
      SparkAls.Params p,
      AlsPayload.RepeatCounts repeats) {
    return new AlsPayload.Extras(
        f.eventTypes(), repeats, f.metadata(), factors.itemUsers(), p.metadataPriorWeight());
  }

  private void report(double fraction, String message) {
    if (progress != null) {
      progress.accept(fraction, message);
    }
  }

  /** Popularity (distinct users per item), the popular list and creation times, as the engine. */
  private static ModelFile.Serving serving(SparkFeaturizer.Features f) {
    int numItems = f.itemIds().length;
    int[] popularity = new int[numItems];
    List<Row> counts =
        f.selected().select(col("u"), col("i")).distinct().groupBy("i").count().collectAsList();
    for (Row r : counts) {
      popularity[r.getInt(0)] = (int) r.getLong(1);
    }
    TopK heap = new TopK(ModelFile.maxPopular());
    for (int i = 0; i < numItems; i++) {
      if (popularity[i] > 0) {
        heap.offer(i, popularity[i]);
      }
    }
    int[] popular = new int[heap.size()];
    heap.drainTo(popular, new float[popular.length]);
    Row until = f.selected().agg(org.apache.spark.sql.functions.max("ts")).first();
    long trainedUntil = until.isNullAt(0) ? 0 : Math.max(0, until.getLong(0));
    return new ModelFile.Serving(
        trainedUntil, popular, popularity, SparkFeaturizer.creationTimes(f));
  }

  /** Settings of a Spark training run. */
  public static final class Builder {
    private String eventType;
    private String eventValueThreshold;
    private Map<String, String> hyperParameters = new LinkedHashMap<>();
    private long seed = 42;
    private int blocks;
    private boolean computeMetrics = true;
    private boolean checkMinimum = true;
    private BiConsumer<Double, String> progress;
    private List<String> itemCategorical;
    private List<String> userCategorical;

    private Builder() {}

    /**
     * The Items data's categorical columns, as its schema marks them ({@code "categorical": true}
     * in {@code CreateSchema}): cold items lean on the items sharing their values, and real-time
     * fold-ins on the values a history shares. Each value of a row is a {@code |}-separated part.
     *
     * @param columns the columns; null (the default) takes every string column but {@code ITEM_ID}
     *     and {@code CREATION_TIMESTAMP} (name them with untyped sources such as CSV)
     * @return this builder
     */
    public Builder itemCategoricalColumns(List<String> columns) {
      this.itemCategorical = columns == null ? null : List.copyOf(columns);
      return this;
    }

    /**
     * The Users data's categorical columns: users without interactions lean on the users sharing
     * their values.
     *
     * @param columns the columns; null (the default) takes every string column but {@code USER_ID}
     *     (name them with untyped sources such as CSV)
     * @return this builder
     */
    public Builder userCategoricalColumns(List<String> columns) {
      this.userCategorical = columns == null ? null : List.copyOf(columns);
      return this;
    }

    /**
     * Trains on this event type only (case-insensitive), as {@code CreateSolution}'s {@code
     * eventType}.
     *
     * @param eventType the type, or null for all interactions
     * @return this builder
     */
    public Builder eventType(String eventType) {
      this.eventType = eventType;
      return this;
    }

    /**
     * Keeps events whose {@code EVENT_VALUE} is at least this, as {@code
     * SolutionConfig.eventValueThreshold}.
     *
     * @param threshold a number, or null for none
     * @return this builder
     */
    public Builder eventValueThreshold(String threshold) {
      this.eventValueThreshold = threshold;
      return this;
    }

    /**
     * The recipe's hyperparameters ({@code hidden_dimension}, {@code num_iterations}, ...), as
     * {@code SolutionConfig.algorithmHyperParameters} and {@code featureTransformationParameters}.
     *
     * @param hyperParameters name to value; unset ones take the recipe's defaults
     * @return this builder
     */
    public Builder hyperParameters(Map<String, String> hyperParameters) {
      this.hyperParameters = new LinkedHashMap<>(hyperParameters);
      return this;
    }

    /**
     * The training seed: the same seed and data give the same model.
     *
     * @param seed the seed
     * @return this builder
     */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * How many row blocks (Spark partitions) each side of the matrix is split into; 0 (the default)
     * takes Spark's default parallelism. The model depends on it only through float rounding of the
     * Gram sums.
     *
     * @param blocks at least 0
     * @return this builder
     */
    public Builder blocks(int blocks) {
      if (blocks < 0) {
        throw new InvalidInputException("blocks must be >= 0; got: " + blocks);
      }
      this.blocks = blocks;
      return this;
    }

    /**
     * Whether to compute offline metrics on spec §8's split, which trains a second model on 90 % of
     * the users (as the engine's {@code CreateSolutionVersion} does).
     *
     * @param computeMetrics true to compute them (the default)
     * @return this builder
     */
    public Builder computeMetrics(boolean computeMetrics) {
      this.computeMetrics = computeMetrics;
      return this;
    }

    /**
     * Whether to refuse data below spec §2.1's minimums (1000 interactions, 25 users with two), as
     * the engine does; off only for experiments on tiny data.
     *
     * @param checkMinimum true to check (the default)
     * @return this builder
     */
    public Builder checkMinimum(boolean checkMinimum) {
      this.checkMinimum = checkMinimum;
      return this;
    }

    /**
     * Receives progress as a fraction and a message, on the driver.
     *
     * @param progress the listener, or null
     * @return this builder
     */
    public Builder progress(BiConsumer<Double, String> progress) {
      this.progress = progress;
      return this;
    }

    /**
     * Builds the trainer.
     *
     * @return the trainer
     */
    public SparkUserPersonalization build() {
      return new SparkUserPersonalization(this);
    }
  }
}
