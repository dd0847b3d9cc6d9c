/**
 * Bulk-import CSV (spec §1.6): {@link org.openpersonalize.engine.internal.csv.CsvRecordReader}
 * streams a file's records as strings and names the row of every format error; {@link
 * org.openpersonalize.engine.internal.csv.RowConverter} checks the header against the dataset's
 * schema and converts values to Java objects under the value limits of spec §1.4 and §10.
 */
package org.openpersonalize.engine.internal.csv;
