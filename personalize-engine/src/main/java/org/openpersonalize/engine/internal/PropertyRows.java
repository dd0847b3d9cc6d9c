package org.openpersonalize.engine.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.openpersonalize.api.model.InvalidInputException;
import org.openpersonalize.engine.internal.csv.RowConverter;
import org.openpersonalize.engine.internal.schema.FieldNames;
import org.openpersonalize.engine.internal.schema.ParsedSchema;
import org.openpersonalize.engine.internal.schema.SchemaField;
import org.openpersonalize.engine.internal.store.Resources;

/**
 * Reading the JSON properties of PutEvents, PutItems and PutUsers into a row in schema order: the
 * field a camelCase key names, a value's text, and the checks that every non-nullable field is
 * given.
 */
final class PropertyRows {
  private PropertyRows() {}

  static void put(ParsedSchema schema, Object[] row, String field, Object value) {
    int i = schema.indexOf(field);
    if (i >= 0 && value != null) {
      row[i] = value;
    }
  }

  static SchemaField field(ParsedSchema schema, String where, String key, String type) {
    SchemaField f = FieldNames.fieldForPropertyKey(schema, key);
    if (f == null) {
      StringBuilder names = new StringBuilder();
      for (SchemaField sf : schema.fields()) {
        names.append(names.length() == 0 ? "" : ", ").append(FieldNames.toCamelCase(sf.name()));
      }
      throw new InvalidInputException(
          where
              + " must name a field of the "
              + type
              + " schema in camelCase ("
              + names
              + "); got: "
              + Check.show(key));
    }
    return f;
  }

  static void checkColumn(
      ParsedSchema schema, Object[] row, RowConverter converter, String field, String where) {
    int i = schema.indexOf(field);
    if (i >= 0 && row[i] instanceof String) {
      row[i] = converter.convertValue(schema.fields().get(i), (String) row[i], where);
    }
  }

  static void requireAll(ParsedSchema schema, Object[] row, String where, String type) {
    for (int i = 0; i < row.length; i++) {
      SchemaField f = schema.fields().get(i);
      if (row[i] == null && !f.nullable()) {
        throw new InvalidInputException(
            where
                + " must give "
                + FieldNames.toCamelCase(f.name())
                + ": the "
                + type
                + " schema's field "
                + f.name()
                + " is not nullable");
      }
    }
  }

  static JsonNode parseObject(String where, String json) {
    JsonNode node;
    try {
      node = Resources.JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new InvalidInputException(
          where + " must be a JSON object; got invalid JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      throw new InvalidInputException(where + " must be a JSON object; got: " + Check.show(json));
    }
    return node;
  }

  static String text(String where, JsonNode v) {
    if (v.isNull()) {
      return null;
    }
    if (v.isValueNode()) {
      return v.asText();
    }
    throw new InvalidInputException(
        where
            + " must be a string, number or boolean (join multiple categorical values with |);"
            + " got: "
            + Check.show(v.toString()));
  }
}
