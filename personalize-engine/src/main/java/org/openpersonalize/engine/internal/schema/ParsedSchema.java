package org.openpersonalize.engine.internal.schema;

import java.util.List;

/**
 * A schema that passed every rule of spec §1.4, reduced to what the engine needs.
 *
 * @param datasetType the dataset type named by the record name
 * @param fields the fields in schema order (= CSV column order)
 */
public record ParsedSchema(DatasetType datasetType, List<SchemaField> fields) {
  public ParsedSchema {
    fields = List.copyOf(fields);
  }

  /** Index of the field named exactly {@code name}, or -1. */
  public int indexOf(String name) {
    for (int i = 0; i < fields.size(); i++) {
      if (fields.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /** The field named exactly {@code name}, or null. */
  public SchemaField field(String name) {
    int i = indexOf(name);
    return i < 0 ? null : fields.get(i);
  }
}
