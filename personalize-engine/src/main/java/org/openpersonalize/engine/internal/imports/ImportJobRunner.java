package org.openpersonalize.engine.internal.imports;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.RejectedExecutionException;
import org.openpersonalize.api.model.ImportMode;
import org.openpersonalize.api.model.InvalidInputException;
import org.openpersonalize.engine.internal.EngineContext;
import org.openpersonalize.engine.internal.Kinds;
import org.openpersonalize.engine.internal.Status;
import org.openpersonalize.engine.internal.csv.CsvRecordReader;
import org.openpersonalize.engine.internal.csv.RowConverter;
import org.openpersonalize.engine.internal.resource.DatasetRecord;
import org.openpersonalize.engine.internal.resource.ImportJobRecord;
import org.openpersonalize.engine.internal.schema.DatasetType;
import org.openpersonalize.engine.internal.store.DatasetTable;
import org.openpersonalize.engine.internal.store.Resources;

/**
 * Runs dataset import jobs on the engine's executor. A job is one database transaction: every file
 * is validated and written inside it, and the job's own status becomes {@code ACTIVE} in that same
 * transaction, so a job either lands whole and says so, or lands nothing and says why ({@code
 * CREATE FAILED} with the file, row, column, what was expected and what was found).
 */
public final class ImportJobRunner {
  /** Amazon's minimum number of records in an interactions import job (spec §1.6). */
  public static final int MIN_INTERACTION_RECORDS = 1000;

  private static final int CANCEL_CHECK_ROWS = 4096;

  private static final System.Logger LOG = System.getLogger(ImportJobRunner.class.getName());

  private final EngineContext ctx;
  private volatile boolean closing;

  /**
   * Creates the runner.
   *
   * @param ctx the engine context
   */
  public ImportJobRunner(EngineContext ctx) {
    this.ctx = ctx;
  }

  /** Queues a job that was stored as {@code CREATE PENDING}. */
  public void submit(String jobArn) {
    try {
      ctx.executor().execute(() -> run(jobArn));
    } catch (RejectedExecutionException e) {
      fail(jobArn, "The engine was closing when the job was created; create the job again.");
    }
  }

  /** Asks running jobs to stop at their next check; they roll back and are marked failed. */
  public void close() {
    closing = true;
  }

  /**
   * Marks jobs that a previous engine left pending or in progress (it was closed or killed) as
   * failed. Their transactions never committed, so no data of theirs is in the store.
   */
  public void failAbandonedJobs() {
    List<ImportJobRecord> open =
        ctx.store()
            .read(
                c -> {
                  List<ImportJobRecord> all =
                      new ArrayList<>(Resources.children(c, Kinds.DATASET_IMPORT_JOB, null));
                  all.removeIf(r -> r.status().terminal());
                  return all;
                });
    for (ImportJobRecord r : open) {
      fail(
          r.arn(),
          "The engine stopped before the job finished; nothing of it was imported."
              + " Create the job again.");
    }
  }

  private void run(String jobArn) {
    try {
      setStatus(jobArn, Status.CREATE_IN_PROGRESS, null);
      ctx.store().inTransaction(c -> importAll(c, jobArn));
      ctx.catalogueChanged();
    } catch (InvalidInputException e) {
      fail(jobArn, e.getMessage());
    } catch (RuntimeException e) {
      fail(jobArn, "Import failed: " + e);
    }
  }

  private Void importAll(Connection c, String jobArn) throws SQLException {
    ImportJobRecord job = ctx.require(c, Kinds.DATASET_IMPORT_JOB, "datasetImportJobArn", jobArn);
    DatasetRecord dataset = ctx.require(c, Kinds.DATASET, "datasetArn", job.parentArn());
    DatasetTable table = ctx.table(c, dataset);
    List<Path> files = DataLocation.resolve(job.dataLocation());
    boolean full = job.importMode() == ImportMode.FULL;
    if (full) {
      table.clearBulk(c);
    }
    long rows = 0;
    Object[] values = new Object[table.schema().fields().size()];
    try (DatasetTable.Writer writer = table.writer(c, DatasetTable.SOURCE_BULK)) {
      for (Path file : files) {
        String fileName = files.size() == 1 ? file.toString() : file.getFileName().toString();
        RowConverter converter = new RowConverter(table.schema(), fileName);
        try (CsvRecordReader reader = open(file, fileName)) {
          converter.checkHeader(reader.header());
          while (reader.next()) {
            converter.convert(reader.record(), reader.row(), values);
            writer.add(values, null, null);
            if (++rows % CANCEL_CHECK_ROWS == 0 && closing) {
              throw new InvalidInputException(
                  "The engine was closed while the job was running; nothing was imported."
                      + " Create the job again.");
            }
          }
        }
      }
    }
    if (table.schema().datasetType() == DatasetType.INTERACTIONS
        && rows < MIN_INTERACTION_RECORDS) {
      throw new InvalidInputException(
          String.format(
              Locale.ROOT,
              "An Interactions import job needs at least %d records; %s has %d",
              MIN_INTERACTION_RECORDS,
              job.dataLocation(),
              rows));
    }
    Resources.update(c, dataset.withBulk(ctx.now()));
    Resources.update(c, job.finished(rows, ctx.now()));
    return null;
  }

  private static CsvRecordReader open(Path file, String fileName) {
    try {
      return CsvRecordReader.open(file);
    } catch (IOException e) {
      throw new InvalidInputException(fileName + ": cannot read the file: " + e.getMessage(), e);
    }
  }

  private void setStatus(String jobArn, Status status, String reason) {
    ctx.store()
        .inTransaction(
            c -> {
              ImportJobRecord job = Resources.find(c, Kinds.DATASET_IMPORT_JOB, jobArn);
              if (job != null) {
                Resources.update(c, job.withStatus(status, reason, ctx.now()));
              }
              return null;
            });
  }

  /**
   * Records a failed job. If even that write fails (the store is failing), the worker survives and
   * says so in the log: the job stays in progress in the store, and the next open marks it failed
   * ({@link #failAbandonedJobs()}).
   */
  private void fail(String jobArn, String reason) {
    try {
      setStatus(jobArn, Status.CREATE_FAILED, reason);
    } catch (RuntimeException e) {
      LOG.log(
          System.Logger.Level.ERROR,
          "Could not record that import job " + jobArn + " failed (" + reason + ")",
          e);
    }
  }
}
