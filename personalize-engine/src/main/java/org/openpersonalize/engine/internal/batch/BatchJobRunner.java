package org.openpersonalize.engine.internal.batch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import org.openpersonalize.api.model.InvalidInputException;
import org.openpersonalize.api.model.PersonalizeException;
import org.openpersonalize.engine.TrainingProgressListener;
import org.openpersonalize.engine.internal.EngineContext;
import org.openpersonalize.engine.internal.Status;
import org.openpersonalize.engine.internal.batch.BatchJob.Counts;

/**
 * Runs batch jobs on the engine's executor: {@code CREATE PENDING} → {@code CREATE IN_PROGRESS} →
 * {@code ACTIVE}, or {@code CREATE FAILED} with the reason (no input, an output folder that cannot
 * be written, a model that cannot be loaded). Lines that cannot be answered get an {@code error} in
 * their output line and the job goes on.
 *
 * <p>Each input file is read in chunks of {@link #BLOCK} lines per core; the blocks of a chunk are
 * scored at once on the engine's compute pool (every core), and their output lines are written in
 * input order to the file's {@link OutputFile}, which appears whole when the file is done. Progress
 * (lines done of the total, counted before scoring starts) goes to the engine's progress listener
 * after every chunk and to the job's record at most once a second.
 */
public final class BatchJobRunner {
  /** Lines per block: what one scorer call answers (one matrix product per block). */
  public static final int BLOCK = 256;

  /** How often, at most, a running job's counts are written to its record. */
  private static final long PROGRESS_WRITE_NANOS = 1_000_000_000L;

  private final EngineContext ctx;
  private final TrainingProgressListener listener;
  private volatile boolean closing;

  /**
   * Creates the runner.
   *
   * @param ctx the engine context
   * @param listener receives progress, or null
   */
  public BatchJobRunner(EngineContext ctx, TrainingProgressListener listener) {
    this.ctx = ctx;
    this.listener = listener;
  }

  /** Queues a job that was stored as {@code CREATE PENDING}. */
  public void submit(BatchJob job) {
    try {
      ctx.executor().execute(() -> run(job));
    } catch (RejectedExecutionException e) {
      fail(job, "The engine was closing when the job was created; create the job again.");
    }
  }

  /** Asks running jobs to stop after their current chunk; they end {@code CREATE FAILED}. */
  public void close() {
    closing = true;
  }

  /**
   * Fails jobs that a previous engine left pending or in progress (closed or killed) and removes
   * their temporary output files; output files they completed stay, each whole.
   *
   * @param open the unfinished jobs
   */
  public void failAbandoned(List<? extends BatchJob> open) {
    for (BatchJob job : open) {
      try {
        OutputFile.cleanUp(BatchLocation.output(job.input(), job.output()), job.name());
      } catch (InvalidInputException e) {
        // The output location is unusable; there is nothing of the job's there to remove.
      }
      try {
        ctx.store()
            .inTransaction(
                job.update(
                    Status.CREATE_FAILED,
                    "The engine stopped before the job finished; output files it had not"
                        + " completed were removed. Create the job again.",
                    Counts.NONE));
      } catch (PersonalizeException e) {
        // The store is not writable now; a later open marks the job failed.
      }
    }
  }

  /** Runs a job to its end on the calling thread (the executor's, or a test's). */
  void run(BatchJob job) {
    try {
      ctx.store().inTransaction(job.update(Status.CREATE_IN_PROGRESS, null, Counts.NONE));
      List<Path> inputs = BatchLocation.inputs(job.input());
      Path folder = BatchLocation.output(job.input(), job.output());
      long total = countLines(inputs);
      LineScorer scorer = job.open();
      Progress p = new Progress(job, total);
      p.report(true);
      for (Path file : inputs) {
        runFile(job, scorer, file, folder, p);
      }
      Counts done = new Counts(p.done, total, p.failed);
      ctx.store().inTransaction(job.update(Status.ACTIVE, null, done));
      tell(job, 1.0, done);
    } catch (PersonalizeException e) {
      fail(job, e.getMessage());
    } catch (RuntimeException e) {
      fail(job, "The batch job failed: " + e);
    }
  }

  private void runFile(BatchJob job, LineScorer scorer, Path file, Path folder, Progress p) {
    int threads = ctx.parallelism();
    int chunk = BLOCK * threads;
    String[] lines = new String[chunk];
    String[] out = new String[chunk];
    try (BufferedReader in = reader(file);
        OutputFile output = OutputFile.open(folder, file.getFileName().toString(), job.name())) {
      while (true) {
        int n = 0;
        String line;
        while (n < chunk && (line = in.readLine()) != null) {
          if (!line.isBlank()) {
            lines[n++] = line;
          }
        }
        if (n == 0) {
          break;
        }
        if (closing) {
          throw new InvalidInputException(
              "The engine was closed while the job was running; output files it had not"
                  + " completed were removed. Create the job again.");
        }
        p.failed += scoreChunk(scorer, lines, n, out, threads);
        for (int k = 0; k < n; k++) {
          output.line(out[k]);
          out[k] = null;
          lines[k] = null;
        }
        p.done += n;
        p.report(false);
      }
      output.commit();
    } catch (IOException e) {
      throw new InvalidInputException(
          BatchLocation.INVALID_INPUT + " Cannot read " + file + " or write its output: " + e, e);
    }
  }

  /** Scores {@code lines[0 .. n-1]} into {@code out} on every core; returns the failed lines. */
  private int scoreChunk(LineScorer scorer, String[] lines, int n, String[] out, int threads) {
    int blocks = (n + BLOCK - 1) / BLOCK;
    if (blocks == 1 || threads == 1) {
      return new BlockTask(scorer, lines, 0, n, out).call();
    }
    List<Callable<Integer>> tasks = new ArrayList<>(blocks);
    for (int b = 0; b < blocks; b++) {
      int from = b * BLOCK;
      tasks.add(new BlockTask(scorer, lines, from, Math.min(n, from + BLOCK), out));
    }
    int failed = 0;
    try {
      for (Future<Integer> f : ctx.trainingExecutor().invokeAll(tasks)) {
        failed += f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InvalidInputException("The batch job was interrupted; create the job again.");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(cause);
    }
    return failed;
  }

  /** One block: parse, score, format. Returns the number of lines answered with an error. */
  private record BlockTask(LineScorer scorer, String[] lines, int from, int to, String[] out)
      implements Callable<Integer> {
    @Override
    public Integer call() {
      LineScorer.Block block = new LineScorer.Block(to - from);
      int[] position = new int[to - from];
      int failed = 0;
      for (int k = from; k < to; k++) {
        BatchLines.Parsed parsed = BatchLines.parse(lines[k]);
        if (parsed.object() == null) {
          out[k] = BatchLines.error(null, lines[k], parsed.error());
          failed++;
        } else {
          position[block.size()] = k;
          block.add(parsed.object());
        }
      }
      if (block.size() > 0) {
        try {
          scorer.score(block);
        } catch (BatchLines.LineError | InvalidInputException e) {
          for (int i = 0; i < block.size(); i++) {
            if (!block.done(i)) {
              block.fail(i, e.getMessage());
            }
          }
        }
      }
      for (int i = 0; i < block.size(); i++) {
        int k = position[i];
        if (block.output(i) != null) {
          out[k] = BatchLines.answer(block.input(i), block.output(i));
        } else {
          String why = block.error(i) != null ? block.error(i) : "The line was not answered";
          out[k] = BatchLines.error(block.input(i), lines[k], why);
          failed++;
        }
      }
      return failed;
    }
  }

  /** Counts the non-blank lines of the inputs, so progress can say how far the job is. */
  static long countLines(List<Path> files) {
    long total = 0;
    for (Path f : files) {
      try (BufferedReader in = reader(f)) {
        String line;
        while ((line = in.readLine()) != null) {
          if (!line.isBlank()) {
            total++;
          }
        }
      } catch (IOException e) {
        throw new InvalidInputException(
            BatchLocation.INVALID_INPUT + " Cannot read " + f + ": " + e.getMessage(), e);
      }
    }
    return total;
  }

  /** A strict UTF-8 reader: a file that is not UTF-8 fails the job rather than being guessed. */
  private static BufferedReader reader(Path file) throws IOException {
    return new BufferedReader(
        new InputStreamReader(
            Files.newInputStream(file),
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)),
        1 << 16);
  }

  private void tell(BatchJob job, double fraction, Counts c) {
    if (listener == null) {
      return;
    }
    try {
      listener.onProgress(
          job.arn(),
          fraction,
          String.format(
              Locale.ROOT, "lines %d of %d (%d with an error)", c.done(), c.total(), c.failed()));
    } catch (RuntimeException e) {
      // A listener must not throw; if it does, the job is not the one to pay for it.
    }
  }

  /** Records a job's failure, retrying while the store is failing too; never throws. */
  private void fail(BatchJob job, String reason) {
    ctx.store().writeWithRetry(job.update(Status.CREATE_FAILED, reason, Counts.NONE), () -> false);
  }

  /** A running job's counts and when they were last written. */
  private final class Progress {
    final BatchJob job;
    final long total;
    long done;
    long failed;
    long lastWrite = System.nanoTime();

    Progress(BatchJob job, long total) {
      this.job = job;
      this.total = total;
    }

    void report(boolean force) {
      Counts c = new Counts(done, total, failed);
      tell(job, total == 0 ? 0 : done / (double) total, c);
      long now = System.nanoTime();
      if (force || now - lastWrite >= PROGRESS_WRITE_NANOS) {
        lastWrite = now;
        ctx.store().inTransaction(job.update(Status.CREATE_IN_PROGRESS, null, c));
      }
    }
  }
}
