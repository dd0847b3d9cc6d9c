package org.openpersonalize.engine.internal.schema;

/** The Avro primitive types a Personalize schema field may have (besides {@code null}). */
public enum FieldType {
  STRING,
  INT,
  LONG,
  FLOAT,
  DOUBLE,
  BOOLEAN;

  /** Whether values of this type are numbers. */
  public boolean isNumeric() {
    return this != STRING && this != BOOLEAN;
  }
}
