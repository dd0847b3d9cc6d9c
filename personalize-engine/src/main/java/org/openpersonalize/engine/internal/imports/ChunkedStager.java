package org.openpersonalize.engine.internal.imports;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.openpersonalize.api.model.InvalidInputException;
import org.openpersonalize.engine.internal.csv.CsvRecordReader;
import org.openpersonalize.engine.internal.csv.RowConverter;
import org.openpersonalize.engine.internal.store.DatasetTable;
import org.openpersonalize.engine.internal.store.Store;

/**
 * Reads an import's files and writes their rows into its staging table in chunks: each chunk is
 * read and converted outside any transaction, then written in one short write transaction. Between
 * two chunks the store's writer is free, so a PutEvents call waits for at most one chunk instead of
 * the whole import.
 */
final class ChunkedStager {
  /**
   * Rows per write transaction: small enough that a waiting PutEvents call is served within tens of
   * milliseconds, large enough that the commit's fsync is a small part of the chunk's cost.
   */
  static final int CHUNK_ROWS = 2048;

  private final Store store;
  private final BooleanSupplier closing;

  ChunkedStager(Store store, BooleanSupplier closing) {
    this.store = store;
    this.closing = closing;
  }

  /**
   * Stages every row of {@code files}, in order.
   *
   * @return the number of rows read
   * @throws InvalidInputException for the first bad header or value, or if the engine is closing
   */
  long stage(List<Path> files, DatasetTable stage) {
    int width = stage.schema().fields().size();
    Object[][] chunk = new Object[CHUNK_ROWS][width];
    int n = 0;
    long rows = 0;
    for (Path file : files) {
      String fileName = files.size() == 1 ? file.toString() : file.getFileName().toString();
      RowConverter converter = new RowConverter(stage.schema(), fileName);
      try (CsvRecordReader reader = open(file, fileName)) {
        converter.checkHeader(reader.header());
        while (reader.next()) {
          converter.convert(reader.record(), reader.row(), chunk[n]);
          rows++;
          if (++n == CHUNK_ROWS) {
            write(stage, chunk, n);
            n = 0;
          }
        }
      }
    }
    write(stage, chunk, n);
    return rows;
  }

  private void write(DatasetTable stage, Object[][] chunk, int n) {
    if (closing.getAsBoolean()) {
      throw new InvalidInputException(
          "The engine was closed while the job was running; nothing was imported."
              + " Create the job again.");
    }
    if (n == 0) {
      return;
    }
    store.inTransaction(
        c -> {
          try (DatasetTable.Writer writer = stage.writer(c, DatasetTable.SOURCE_BULK)) {
            for (int i = 0; i < n; i++) {
              writer.add(chunk[i], null, null);
            }
          }
          return null;
        });
  }

  private static CsvRecordReader open(Path file, String fileName) {
    try {
      return CsvRecordReader.open(file);
    } catch (IOException e) {
      throw new InvalidInputException(fileName + ": cannot read the file: " + e.getMessage(), e);
    }
  }
}
