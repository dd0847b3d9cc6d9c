package org.openpersonalize.engine.internal.imports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.RejectedExecutionException;
import org.openpersonalize.api.model.ImportMode;
import org.openpersonalize.api.model.InvalidInputException;
import org.openpersonalize.api.model.PersonalizeException;
import org.openpersonalize.engine.internal.EngineContext;
import org.openpersonalize.engine.internal.Kinds;
import org.openpersonalize.engine.internal.Status;
import org.openpersonalize.engine.internal.resource.DatasetRecord;
import org.openpersonalize.engine.internal.resource.ImportJobRecord;
import org.openpersonalize.engine.internal.schema.DatasetType;
import org.openpersonalize.engine.internal.schema.InteractionLimits;
import org.openpersonalize.engine.internal.store.DatasetTable;
import org.openpersonalize.engine.internal.store.Resources;
import org.openpersonalize.engine.internal.store.StagingFile;
import org.openpersonalize.engine.internal.store.Store;

/**
 * Runs dataset import jobs on the engine's executor. A job stages its rows in a file of its own
 * ({@link StagingFile}) on a connection of its own, chunk by chunk ({@link ChunkedStager}), and
 * merges them there into the dataset's key order, all without taking the store's writer; then it
 * publishes them into the dataset in one write transaction in which the job's own status becomes
 * {@code ACTIVE}. So a job either lands whole and says so, or lands nothing and says why ({@code
 * CREATE FAILED} with the file, row, column, what was expected and what was found): no reader ever
 * sees the staging file, and what a killed process leaves of it is deleted at the next open.
 */
public final class ImportJobRunner {
  /** Amazon's minimum number of records in an interactions import job (spec §1.6). */
  public static final int MIN_INTERACTION_RECORDS = 1000;

  /**
   * Test hook: runs after an import staged its last row and before it publishes. The crash tests
   * stop the process here, to show that a kill between staging and publishing leaves nothing.
   */
  static volatile Runnable beforePublish = () -> {};

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
    StagingFile.deleteLeftovers(ctx.store().directory());
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
      try {
        setStatus(
            r.arn(),
            Status.CREATE_FAILED,
            "The engine stopped before the job finished; nothing of it was imported."
                + " Create the job again.");
      } catch (PersonalizeException e) {
        // The store is not writable now (full disk, read-only file): the engine still opens for
        // reading, and a later open marks the job failed.
      }
    }
  }

  private void run(String jobArn) {
    StagingFile staged = null;
    try {
      setStatus(jobArn, Status.CREATE_IN_PROGRESS, null);
      Plan plan = ctx.store().read(c -> plan(c, jobArn));
      staged = StagingFile.create(ctx.store(), jobArn, plan.table());
      long rows = new ChunkedStager(staged, () -> closing).stage(plan.files(), plan.table());
      checkMinimum(plan, rows);
      staged.sort();
      beforePublish.run();
      StagingFile publishing = staged;
      String group =
          ctx.store().inTransactionWith(staged, c -> publish(c, jobArn, publishing, rows));
      // Only this dataset group's campaigns reload (new items to explore, new metadata).
      ctx.catalogueChanged(group);
    } catch (InvalidInputException e) {
      fail(jobArn, e.getMessage());
    } catch (PersonalizeException e) {
      // E.g. the disk filled up: the message says what failed and what to do.
      fail(jobArn, "Import failed: " + e.getMessage());
    } catch (SQLException e) {
      // The staging file's own connection failed (e.g. no space left for it).
      fail(jobArn, "Import failed while staging its rows: " + e.getMessage());
    } catch (RuntimeException e) {
      fail(jobArn, "Import failed: " + e);
    } finally {
      if (staged != null) {
        staged.close();
      }
    }
  }

  /** What an import reads and where it writes, checked before anything is written. */
  private record Plan(DatasetTable table, List<Path> files, String location, DatasetType type) {}

  private Plan plan(Connection c, String jobArn) throws SQLException {
    ImportJobRecord job = ctx.require(c, Kinds.DATASET_IMPORT_JOB, "datasetImportJobArn", jobArn);
    DatasetRecord dataset = ctx.require(c, Kinds.DATASET, "datasetArn", job.parentArn());
    DatasetTable table = ctx.table(c, dataset);
    List<Path> files = DataLocation.resolve(job.dataLocation());
    checkSize(files, job.importMode() == ImportMode.FULL, job.dataLocation());
    return new Plan(table, files, job.dataLocation(), table.schema().datasetType());
  }

  private static void checkMinimum(Plan plan, long rows) {
    if (plan.type() == DatasetType.INTERACTIONS && rows < MIN_INTERACTION_RECORDS) {
      throw new InvalidInputException(
          String.format(
              Locale.ROOT,
              "An Interactions import job needs at least %d records; %s has %d",
              MIN_INTERACTION_RECORDS,
              plan.location(),
              rows));
    }
  }

  /**
   * Publishes the staged rows in one transaction: a FULL import first removes the rows earlier
   * imports wrote; the staged rows are upserted; the event-type limit is checked over the result;
   * the job becomes ACTIVE. Any failure rolls all of it back. Returns the dataset group's ARN.
   */
  private String publish(Connection c, String jobArn, StagingFile staged, long rows)
      throws SQLException {
    ImportJobRecord job = ctx.require(c, Kinds.DATASET_IMPORT_JOB, "datasetImportJobArn", jobArn);
    DatasetRecord dataset = ctx.require(c, Kinds.DATASET, "datasetArn", job.parentArn());
    DatasetTable table = ctx.table(c, dataset);
    if (job.importMode() == ImportMode.FULL) {
      table.clearBulk(c);
    }
    table.publish(c, staged);
    if (table.schema().datasetType() == DatasetType.INTERACTIONS) {
      checkEventTypes(c, table);
    }
    Resources.update(c, dataset.withBulk(ctx.now()));
    Resources.update(c, job.finished(rows, ctx.now()));
    return dataset.parentArn();
  }

  /** Spec §1.6: a FULL import job reads at most 100 GB, an INCREMENTAL one at most 1 GB. */
  public static final long MAX_FULL_BYTES = 100L << 30;

  /** Spec §1.6: the INCREMENTAL limit. */
  public static final long MAX_INCREMENTAL_BYTES = 1L << 30;

  static void checkSize(List<Path> files, boolean full, String location) {
    long bytes = 0;
    for (Path f : files) {
      try {
        bytes += Files.size(f);
      } catch (IOException e) {
        throw new InvalidInputException(f + ": cannot read the file: " + e.getMessage(), e);
      }
    }
    long max = full ? MAX_FULL_BYTES : MAX_INCREMENTAL_BYTES;
    if (bytes > max) {
      throw new InvalidInputException(
          String.format(
              Locale.ROOT,
              "dataLocation must hold at most %s for a%s import job; got: %d bytes in %s",
              full ? "100 GB" : "1 GB",
              full ? " FULL" : "n INCREMENTAL",
              bytes,
              location));
    }
  }

  /** Spec §1.4: event types plus optional columns at most 10, over the dataset after the job. */
  private static void checkEventTypes(Connection c, DatasetTable table) throws SQLException {
    if (table.schema().indexOf("EVENT_TYPE") < 0) {
      return;
    }
    int types;
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(DISTINCT EVENT_TYPE) FROM " + table.table())) {
      rs.next();
      types = rs.getInt(1);
    }
    String tooMany =
        InteractionLimits.check(types, InteractionLimits.optionalColumns(table.schema()));
    if (tooMany != null) {
      throw new InvalidInputException(tooMany);
    }
  }

  private void setStatus(String jobArn, Status status, String reason) {
    ctx.store().inTransaction(statusWrite(jobArn, status, reason));
  }

  private Store.Work<Void> statusWrite(String jobArn, Status status, String reason) {
    return c -> {
      ImportJobRecord job = Resources.find(c, Kinds.DATASET_IMPORT_JOB, jobArn);
      if (job != null) {
        Resources.update(c, job.withStatus(status, reason, ctx.now()));
      }
      return null;
    };
  }

  /**
   * Records a job's failure. The store may be failing too (a full disk fails the import and then
   * its status write): the write is retried until it lands, and never throws, so the worker thread
   * survives; if it never lands the job stays unfinished and the next open marks it failed.
   */
  private void fail(String jobArn, String reason) {
    ctx.store().writeWithRetry(statusWrite(jobArn, Status.CREATE_FAILED, reason), () -> false);
  }
}
