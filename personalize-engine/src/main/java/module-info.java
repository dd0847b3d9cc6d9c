/**
 * The OpenPersonalize engine: {@link org.openpersonalize.engine.OpenPersonalize}, the embedded
 * implementation of the API, and generated sample data. Everything else is internal.
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
  exports org.openpersonalize.engine.sample;
}
