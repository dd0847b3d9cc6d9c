/**
 * The recipe SPI: how the engine finds training algorithms and talks to the models they produce.
 *
 * <p>A {@link org.openpersonalize.spi.Recipe} is found with {@link java.util.ServiceLoader}. The
 * engine featurizes a dataset group into {@link org.openpersonalize.spi.TrainingData} (dense {@code
 * int} indices and primitive columns), resolves the solution's hyperparameters against the recipe's
 * {@link org.openpersonalize.spi.HyperparameterSpec}s into {@link
 * org.openpersonalize.spi.Hyperparameters}, and calls {@link org.openpersonalize.spi.Recipe#train}.
 * The resulting {@link org.openpersonalize.spi.Model} is immutable, scores into caller-provided
 * {@code float[]} buffers, and writes itself to a versioned byte payload that the same recipe reads
 * back. {@link org.openpersonalize.spi.TopK} and {@link org.openpersonalize.spi.Scores} are the
 * serving helpers every caller needs on top of raw scores.
 *
 * <p>This package depends on nothing but {@code java.base}, so a third-party recipe jar compiles
 * against the API module alone. Errors are reported with {@link IllegalArgumentException} in the
 * house style {@code "<field> must be <rule>; got: <value>"}; the engine turns them into {@code
 * InvalidInputException}.
 */
package org.openpersonalize.spi;
