package org.openpersonalize.engine.internal;

import static org.openpersonalize.engine.internal.PropertyRows.field;
import static org.openpersonalize.engine.internal.PropertyRows.parseObject;
import static org.openpersonalize.engine.internal.PropertyRows.put;
import static org.openpersonalize.engine.internal.PropertyRows.requireAll;
import static org.openpersonalize.engine.internal.PropertyRows.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import org.openpersonalize.api.model.InvalidInputException;
import org.openpersonalize.engine.internal.csv.RowConverter;
import org.openpersonalize.engine.internal.resource.DatasetRecord;
import org.openpersonalize.engine.internal.schema.DatasetType;
import org.openpersonalize.engine.internal.schema.FieldNames;
import org.openpersonalize.engine.internal.schema.ParsedSchema;
import org.openpersonalize.engine.internal.schema.SchemaField;
import org.openpersonalize.engine.internal.store.DatasetTable;

/**
 * PutItems and PutUsers (spec §1.7): validates every entity, then upserts them in one transaction;
 * new items make only their own dataset group's campaigns reload.
 */
final class EntityPuts {
  private final EngineContext ctx;

  EntityPuts(EngineContext ctx) {
    this.ctx = ctx;
  }

  /**
   * Validates {@code count} entities whole, then upserts them in one transaction.
   *
   * @param maxProperties the longest properties string, in characters
   */
  void write(
      String datasetArn,
      DatasetType type,
      String listName,
      int count,
      java.util.function.IntFunction<String> id,
      java.util.function.IntFunction<String> properties,
      int maxProperties) {
    Check.arn("datasetArn", datasetArn);
    if (count < 1 || count > 10) {
      throw new InvalidInputException(listName + " must have 1-10 entries; got: " + count);
    }
    String idField = DatasetTable.idColumn(type);
    String idName = FieldNames.toCamelCase(idField);
    EventFieldCheck.entities(listName, idName, count, id, properties, maxProperties);
    String group =
        ctx.store()
            .inTransaction(
                c -> {
                  DatasetRecord dataset = ctx.require(c, Kinds.DATASET, "datasetArn", datasetArn);
                  if (type != dataset.datasetType()) {
                    throw new InvalidInputException(
                        "datasetArn must name a dataset of type "
                            + type.apiName()
                            + "; got the "
                            + dataset.datasetType().apiName()
                            + " dataset "
                            + datasetArn);
                  }
                  DatasetTable table = ctx.table(c, dataset);
                  ParsedSchema schema = table.schema();
                  RowConverter converter =
                      new RowConverter(
                          schema,
                          "Put"
                              + type.apiName().substring(0, 1).toUpperCase(Locale.ROOT)
                              + type.apiName().substring(1));
                  Object[][] rows = new Object[count][];
                  for (int i = 0; i < count; i++) {
                    String where = listName + "[" + i + "]";
                    String entityId =
                        Check.length(
                            where + "." + idName,
                            Check.required(where + "." + idName, id.apply(i)),
                            1,
                            256);
                    String props =
                        Check.length(where + ".properties", properties.apply(i), 1, maxProperties);
                    Object[] row = new Object[schema.fields().size()];
                    put(schema, row, idField, entityId);
                    if (props != null) {
                      JsonNode node = parseObject(where + ".properties", props);
                      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields();
                          it.hasNext(); ) {
                        Map.Entry<String, JsonNode> p = it.next();
                        String wherek = where + ".properties." + p.getKey();
                        SchemaField f = field(schema, wherek, p.getKey(), type.apiName());
                        if (f.name().equals(idField)) {
                          throw new InvalidInputException(
                              wherek
                                  + " must not be in properties: the ID is "
                                  + where
                                  + "."
                                  + idName);
                        }
                        row[schema.indexOf(f.name())] =
                            converter.convertValue(f, text(wherek, p.getValue()), wherek);
                      }
                    }
                    requireAll(schema, row, where, type.apiName());
                    rows[i] = row;
                  }
                  try (DatasetTable.Writer w = table.writer(c, DatasetTable.SOURCE_PUT)) {
                    for (Object[] row : rows) {
                      w.add(row, null, null);
                    }
                  }
                  return dataset.parentArn();
                });
    if (type == DatasetType.ITEMS) {
      // Only this dataset group's campaigns reload to explore the new items.
      ctx.catalogueChanged(group);
    }
  }
}
