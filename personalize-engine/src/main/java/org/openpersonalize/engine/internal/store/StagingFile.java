package org.openpersonalize.engine.internal.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * Where an import job stages its rows before it publishes them: a SQLite file of its own, written
 * and sorted on a connection of its own, so that neither staging nor sorting ever takes the store's
 * writer. Only the publish does: {@link Store#inTransactionWith} attaches the file to the writer
 * connection for one transaction, which upserts the merged rows in key order ({@link
 * DatasetTable#publish}) — an ordered copy, with no sort while PutEvents waits.
 *
 * <p>The file holds two tables: the rows as read, appended in file order without a key ({@link
 * #append}), then, after the last row, the same rows merged per key exactly as the per-row writer
 * would have merged them and kept in the dataset's key order ({@link #sort}). The file is never
 * synced and has no journal: it is scratch space, deleted when the import publishes or fails
 * ({@link #close}). No reader connection ever attaches it, so no staged row is visible before the
 * publish commits. A killed process leaves the file behind, unreadable to the engine; the next open
 * deletes it ({@link #deleteLeftovers}). An in-memory store stages in a new directory under {@code
 * java.io.tmpdir}, removed with the file.
 */
public final class StagingFile implements AutoCloseable {
  /** The folder under the engine directory that holds staging files. */
  static final String FOLDER = "staging";

  /** The schema name the file is attached under while an import publishes. */
  static final String SCHEMA = "staged";

  private static final String ROWS = "staged_rows";
  private static final String SORTED = "staged_sorted";

  private final Path file;
  private final Path ownFolder;
  private final Connection connection;
  private final DatasetTable rows;
  private final DatasetTable sorted;

  private StagingFile(Path file, Path ownFolder, Connection connection, DatasetTable target) {
    this.file = file;
    this.ownFolder = ownFolder;
    this.connection = connection;
    this.rows = new DatasetTable(ROWS, target.schema());
    this.sorted = new DatasetTable(SORTED, target.schema());
  }

  /**
   * Creates the staging file of one import job, empty, with its rows table.
   *
   * @param store the store the import publishes into (its directory holds the file)
   * @param jobArn the import job's ARN, from which the file is named
   * @param target the dataset's table
   * @return the open staging file; close it when the import ends, whatever the outcome
   * @throws SQLException if the file cannot be created
   */
  public static StagingFile create(Store store, String jobArn, DatasetTable target)
      throws SQLException {
    String id =
        UUID.nameUUIDFromBytes(jobArn.getBytes(StandardCharsets.UTF_8)).toString().replace("-", "");
    Path folder;
    Path own = null;
    try {
      if (store.directory() != null) {
        folder = Files.createDirectories(store.directory().resolve(FOLDER));
      } else {
        folder = Files.createTempDirectory("openpersonalize-staging-");
        own = folder;
      }
      Path file = folder.resolve("stage-" + id + ".db");
      Files.deleteIfExists(file);
      Connection c;
      try {
        c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
      } catch (SQLException e) {
        deleteQuietly(file);
        deleteQuietly(own);
        throw e;
      }
      StagingFile staged = new StagingFile(file, own, c, target);
      try (Statement s = c.createStatement()) {
        // Scratch space: a crash loses nothing anyone can see, so no journal and no fsync.
        s.execute("PRAGMA journal_mode=OFF");
        s.execute("PRAGMA synchronous=OFF");
        // As the writer's: the merge is a B-tree filled in key order from a sort of every row.
        s.execute("PRAGMA cache_size=-65536");
        s.execute("PRAGMA temp_store=FILE");
        staged.rows.createStaging(c, false);
      } catch (SQLException | RuntimeException e) {
        staged.close();
        throw e;
      }
      return staged;
    } catch (IOException e) {
      deleteQuietly(own);
      throw new SQLException("Cannot create a staging file for the import: " + e, e);
    }
  }

  /**
   * Appends rows in one transaction of the staging connection.
   *
   * @param chunk converted rows (values as produced by the row converter), the first {@code n}
   * @param n how many rows of {@code chunk} to append
   */
  public void append(Object[][] chunk, int n) throws SQLException {
    Connections.execute(connection, "BEGIN");
    try (DatasetTable.Writer writer = rows.writer(connection, DatasetTable.SOURCE_BULK)) {
      for (int i = 0; i < n; i++) {
        writer.add(chunk[i], null, null);
      }
    }
    Connections.execute(connection, "COMMIT");
  }

  /**
   * Merges the appended rows into the keyed table, in key order and in file order within a key (a
   * later record of the same ID replaces an earlier one, duplicate interactions collapse), then
   * drops the appended rows. Runs on the staging connection: the store's writer stays free.
   */
  public void sort() throws SQLException {
    Connections.execute(connection, "BEGIN");
    sorted.createStaging(connection, true);
    sorted.upsertAll(connection, rows);
    rows.drop(connection);
    Connections.execute(connection, "COMMIT");
  }

  /** The file, for {@link Store#inTransactionWith}. */
  Path file() {
    return file;
  }

  /** The merged table as the publishing transaction names it. */
  String sortedTable() {
    return SCHEMA + "." + SORTED;
  }

  /** Closes the staging connection and deletes the file (and the folder an in-memory store got). */
  @Override
  public void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      // The file is deleted below either way; nothing was published from a failed connection.
    }
    deleteQuietly(file);
    deleteQuietly(ownFolder);
  }

  /**
   * Deletes the staging files a killed engine left in {@code engineDirectory}; call when the engine
   * opens, before any import runs. Nothing in them was ever visible, so a file that cannot be
   * deleted now only takes disk space until the next open.
   *
   * @param engineDirectory the engine directory, or null for an in-memory store (nothing to do)
   */
  public static void deleteLeftovers(Path engineDirectory) {
    if (engineDirectory == null) {
      return;
    }
    Path folder = engineDirectory.resolve(FOLDER);
    if (!Files.isDirectory(folder)) {
      return;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "stage-*.db")) {
      for (Path f : files) {
        Files.deleteIfExists(f);
      }
    } catch (IOException e) {
      // Leftovers only take disk space; the engine opens anyway and tries again next time.
    }
  }

  private static void deleteQuietly(Path p) {
    if (p == null) {
      return;
    }
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      // A leftover staging file is invisible to readers; the next open deletes it.
    }
  }
}
