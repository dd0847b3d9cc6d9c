package org.openpersonalize.spi;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A training algorithm with its catalogue entry, found with {@link java.util.ServiceLoader}: list
 * the implementation in {@code META-INF/services/org.openpersonalize.spi.Recipe} (and {@code
 * provides} it in {@code module-info.java}). Implementations need a public no-argument constructor
 * and must be stateless, so one instance serves every solution.
 *
 * <p>The engine calls {@link #train} with featurized data after enforcing Amazon's minimum-data
 * rules (spec §2.1); a recipe still rejects data it cannot learn from (no interactions, no items)
 * with an {@link IllegalArgumentException}, and must not fail on small data.
 */
public interface Recipe {

  /** The ARN prefix of Amazon's built-in recipes; {@link #recipeArn()} is this plus the name. */
  String ARN_PREFIX = "arn:aws:personalize:::recipe/";

  /** The {@code datasetType} of the item-interactions dataset. */
  String INTERACTIONS = "Interactions";

  /** The {@code datasetType} of the items dataset. */
  String ITEMS = "Items";

  /** The {@code datasetType} of the users dataset. */
  String USERS = "Users";

  /**
   * The recipe's ARN, e.g. {@code arn:aws:personalize:::recipe/aws-user-personalization}.
   *
   * @return the ARN
   */
  String recipeArn();

  /**
   * The recipe's name, the last part of its ARN, e.g. {@code aws-user-personalization}.
   *
   * @return the name
   */
  String name();

  /**
   * The ARN of the algorithm behind the recipe, as {@code DescribeRecipe} reports it.
   *
   * @return by default {@code arn:aws:personalize:::algorithm/<name>}
   */
  default String algorithmArn() {
    return "arn:aws:personalize:::algorithm/" + name();
  }

  /**
   * What the recipe's models are for.
   *
   * @return the recipe type
   */
  RecipeType recipeType();

  /**
   * A short description for the catalogue ({@code DescribeRecipe.description}).
   *
   * @return the description
   */
  String description();

  /**
   * What the recipe offers beyond FULL training: UPDATE training, item exploration.
   *
   * @return an unmodifiable set; by default empty
   */
  default Set<RecipeCapability> capabilities() {
    return Set.of();
  }

  /**
   * How often the engine refreshes a deployed model of this recipe with {@code trainingMode UPDATE}
   * between FULL trainings (campaigns' automatic updates, spec §1.11; Trending-Now's {@code
   * trend_discovery_frequency}, spec §3.5). Only asked of recipes that declare {@link
   * RecipeCapability#UPDATE_TRAINING}.
   *
   * @param hyperparameters the solution's resolved hyperparameters
   * @return the recipe's own interval, or empty for the engine's automatic-update interval (by
   *     default two hours, as Amazon's)
   */
  default Optional<Duration> automaticUpdateInterval(Hyperparameters hyperparameters) {
    return Optional.empty();
  }

  /**
   * The dataset types training needs ({@link #INTERACTIONS}, {@link #ITEMS}, {@link #USERS}).
   *
   * @return an unmodifiable set
   */
  Set<String> requiredDatasets();

  /**
   * The dataset types training uses when present.
   *
   * @return an unmodifiable set
   */
  Set<String> optionalDatasets();

  /**
   * The hyperparameters the recipe accepts, with defaults and ranges.
   *
   * @return an unmodifiable list with unique names
   */
  List<HyperparameterSpec> hyperparameters();

  /**
   * Resolves a solution's hyperparameter values against {@link #hyperparameters()}.
   *
   * @param values values by name; missing names take their default
   * @return the resolved hyperparameters
   * @throws IllegalArgumentException when a name is unknown or a value out of range
   */
  default Hyperparameters resolveHyperparameters(Map<String, String> values) {
    return Hyperparameters.of(hyperparameters(), values);
  }

  /**
   * Trains a model. The result depends only on the data, the hyperparameters and {@link
   * TrainingContext#seed()}, never on thread scheduling or {@link TrainingContext#parallelism()}.
   *
   * @param data the featurized training data
   * @param hyperparameters values resolved against {@link #hyperparameters()}
   * @param context seed, progress, cancellation and threads
   * @return the trained model
   * @throws IllegalArgumentException when the data cannot train this recipe, with a message saying
   *     why
   * @throws java.util.concurrent.CancellationException when the context was cancelled
   */
  Model train(TrainingData data, Hyperparameters hyperparameters, TrainingContext context);

  /**
   * Reads a payload written by {@link Model#writeTo} of one of this recipe's models. The stream is
   * read up to the end of the payload and not closed.
   *
   * @param in the payload
   * @return a model equal to the one written
   * @throws IOException when reading fails, or the payload is not this recipe's or has a format
   *     version this code does not read (the message names the version found and those supported)
   */
  Model readModel(InputStream in) throws IOException;
}
