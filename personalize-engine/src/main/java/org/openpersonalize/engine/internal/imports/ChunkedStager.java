package org.openpersonalize.engine.internal.imports;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.openpersonalize.api.model.InvalidInputException;
import org.openpersonalize.engine.internal.csv.CsvRecordReader;
import org.openpersonalize.engine.internal.csv.RowConverter;
import org.openpersonalize.engine.internal.store.DatasetTable;
import org.openpersonalize.engine.internal.store.StagingFile;

/**
 * Reads an import's files and appends their rows to its {@link StagingFile} in chunks: each chunk
 * is read and converted, then appended in one transaction of the staging file's own connection. The
 * store's writer is never taken, so PutEvents does not wait for staging at all; the chunks bound
 * the memory a large import needs.
 */
final class ChunkedStager {
  /**
   * Rows per staging transaction: enough that a transaction's own cost is a small part of the
   * chunk's (the staging file is never synced), few enough that a chunk of wide rows stays small.
   */
  static final int CHUNK_ROWS = 2048;

  private final StagingFile staged;
  private final BooleanSupplier closing;

  ChunkedStager(StagingFile staged, BooleanSupplier closing) {
    this.staged = staged;
    this.closing = closing;
  }

  /**
   * Stages every row of {@code files}, in order.
   *
   * @param files the import's files
   * @param table the dataset's table, whose schema the rows are converted to
   * @return the number of rows read
   * @throws InvalidInputException for the first bad header or value, or if the engine is closing
   */
  long stage(List<Path> files, DatasetTable table) throws SQLException {
    int width = table.schema().fields().size();
    Object[][] chunk = new Object[CHUNK_ROWS][width];
    int n = 0;
    long rows = 0;
    for (Path file : files) {
      String fileName = files.size() == 1 ? file.toString() : file.getFileName().toString();
      RowConverter converter = new RowConverter(table.schema(), fileName);
      try (CsvRecordReader reader = open(file, fileName)) {
        converter.checkHeader(reader.header());
        while (reader.next()) {
          converter.convert(reader.record(), reader.row(), chunk[n]);
          rows++;
          if (++n == CHUNK_ROWS) {
            write(chunk, n);
            n = 0;
          }
        }
      }
    }
    write(chunk, n);
    return rows;
  }

  private void write(Object[][] chunk, int n) throws SQLException {
    if (closing.getAsBoolean()) {
      throw new InvalidInputException(
          "The engine was closed while the job was running; nothing was imported."
              + " Create the job again.");
    }
    if (n > 0) {
      staged.append(chunk, n);
    }
  }

  private static CsvRecordReader open(Path file, String fileName) {
    try {
      return CsvRecordReader.open(file);
    } catch (IOException e) {
      throw new InvalidInputException(fileName + ": cannot read the file: " + e.getMessage(), e);
    }
  }
}
