package org.openpersonalize.engine;

/**
 * Receives the progress of solution-version training, the Java-friendly complement of polling
 * {@code DescribeSolutionVersion}. Register one with {@link
 * OpenPersonalize.Builder#trainingProgress}. Batch jobs report through it too: the ARN is then the
 * job's, the fraction is lines done of the input's lines, and the message says {@code "lines 512 of
 * 2000 (3 with an error)"}.
 */
@FunctionalInterface
public interface TrainingProgressListener {
  /**
   * Called from the training thread; must return quickly and must not throw.
   *
   * @param solutionVersionArn the version being trained
   * @param fraction how far training is, from 0 to 1 (1 when the version is ACTIVE), never lower
   *     than the version's previous report: an AutoML comparison reports up to 0.25, a
   *     hyperparameter search up to 0.5, the model's training from 0.5 to 0.8 and its offline
   *     metrics from 0.8
   * @param message what it is doing, e.g. {@code "iteration 3 of 15"}
   */
  void onProgress(String solutionVersionArn, double fraction, String message);

  /**
   * Called from the training thread when a trial of a hyperparameter search ({@code performHPO},
   * spec §9.4) has finished, before the next batch of trials starts; must return quickly and must
   * not throw. The same trials are listed afterwards by {@link OpenPersonalize#listHpoTrials}.
   *
   * @param solutionVersionArn the version whose search ran the trial
   * @param trial the trial: its values and validation metrics
   */
  default void onHpoTrial(String solutionVersionArn, HpoTrial trial) {}
}
