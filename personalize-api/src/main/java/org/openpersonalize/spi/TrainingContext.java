package org.openpersonalize.spi;

import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.function.BooleanSupplier;

/**
 * What a training run gets from the engine besides data and hyperparameters: the seed that makes it
 * reproducible, where to report progress, how to notice it was stopped ({@code
 * StopSolutionVersionCreation}), and the threads it may use.
 *
 * <p>A recipe must draw all randomness from {@link #seed()} and produce the same model for the same
 * seed whatever {@link #parallelism()} is. It runs up to {@code parallelism() - 1} helper tasks on
 * {@link #executor()} and works in the calling thread too; because helpers may start late (or not
 * at all, on a busy pool), the calling thread must be able to finish the work alone.
 *
 * <pre>{@code
 * TrainingContext ctx = TrainingContext.builder().seed(42)
 *     .progressListener((fraction, message) -> log.info("{} {}", fraction, message))
 *     .cancellation(stopRequested::get).build();
 * }</pre>
 */
public final class TrainingContext {

  /** Receives progress reports; called from the training thread. */
  @FunctionalInterface
  public interface ProgressListener {
    /**
     * Reports progress.
     *
     * @param fraction the fraction done, in [0, 1], non-decreasing within a run
     * @param message what is happening, e.g. {@code "iteration 3 of 15"}
     */
    void onProgress(double fraction, String message);
  }

  private final long seed;
  private final ProgressListener progressListener;
  private final BooleanSupplier cancellation;
  private final Executor executor;
  private final int parallelism;

  private TrainingContext(Builder b) {
    this.seed = b.seed;
    this.progressListener = b.progressListener;
    this.cancellation = b.cancellation;
    this.executor = b.executor;
    this.parallelism = b.parallelism;
  }

  /**
   * Starts a builder: seed 0, no progress listener, never cancelled, the common fork-join pool and
   * one thread per available processor.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The seed all of the run's randomness comes from.
   *
   * @return the seed
   */
  public long seed() {
    return seed;
  }

  /**
   * The executor helper tasks run on.
   *
   * @return the executor
   */
  public Executor executor() {
    return executor;
  }

  /**
   * How many threads, the calling one included, the run may keep busy.
   *
   * @return at least 1
   */
  public int parallelism() {
    return parallelism;
  }

  /**
   * Reports progress to the listener.
   *
   * @param fraction the fraction done, clamped to [0, 1]
   * @param message what is happening
   */
  public void reportProgress(double fraction, String message) {
    double f = Double.isNaN(fraction) ? 0 : Math.max(0, Math.min(1, fraction));
    progressListener.onProgress(f, message);
  }

  /**
   * Whether the engine asked the run to stop.
   *
   * @return true once cancellation was requested
   */
  public boolean isCancelled() {
    return cancellation.getAsBoolean();
  }

  /**
   * Throws if the engine asked the run to stop; recipes call it between units of work.
   *
   * @throws CancellationException when cancellation was requested
   */
  public void checkCancelled() {
    if (cancellation.getAsBoolean()) {
      throw new CancellationException("training was cancelled");
    }
  }

  /** Builds a {@link TrainingContext}; not thread-safe. */
  public static final class Builder {
    private long seed;
    private ProgressListener progressListener = (fraction, message) -> {};
    private BooleanSupplier cancellation = () -> false;
    private Executor executor = ForkJoinPool.commonPool();
    private int parallelism = Runtime.getRuntime().availableProcessors();

    private Builder() {}

    /**
     * Sets the seed.
     *
     * @param seed any value
     * @return this builder
     */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * Sets the progress listener.
     *
     * @param listener called with fractions in [0, 1]
     * @return this builder
     */
    public Builder progressListener(ProgressListener listener) {
      this.progressListener = Objects.requireNonNull(listener, "progressListener");
      return this;
    }

    /**
     * Sets the cancellation check, polled often; it must be cheap and thread-safe.
     *
     * @param cancelled returns true once the run should stop
     * @return this builder
     */
    public Builder cancellation(BooleanSupplier cancelled) {
      this.cancellation = Objects.requireNonNull(cancelled, "cancellation");
      return this;
    }

    /**
     * Sets the executor for helper tasks.
     *
     * @param executor runs helper tasks; may be busy, the caller finishes work left undone
     * @return this builder
     */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /**
     * Sets how many threads, the calling one included, the run may use.
     *
     * @param parallelism at least 1
     * @return this builder
     */
    public Builder parallelism(int parallelism) {
      if (parallelism < 1) {
        throw new IllegalArgumentException("parallelism must be >= 1; got: " + parallelism);
      }
      this.parallelism = parallelism;
      return this;
    }

    /**
     * Builds the context.
     *
     * @return the context
     */
    public TrainingContext build() {
      return new TrainingContext(this);
    }
  }
}
