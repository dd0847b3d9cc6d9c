/**
 * The OpenPersonalize engine: {@link org.openpersonalize.engine.OpenPersonalize}, the embedded
 * implementation of the API. Everything else is internal. The runnable examples in {@code
 * org.openpersonalize.engine.sample} (Quickstart, generated sample data) run on the class path and
 * are not part of the module's API, so the package is not exported.
 */
module org.openpersonalize.engine {
  requires transitive org.openpersonalize.api;
  requires java.sql;
  requires com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.dataformat.csv;
  requires org.apache.avro;
  requires org.xerial.sqlitejdbc;
  requires it.unimi.dsi.fastutil;

  uses org.openpersonalize.spi.Recipe;

  exports org.openpersonalize.engine;
}
