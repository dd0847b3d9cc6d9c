package org.openpersonalize.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openpersonalize.api.Personalize;
import org.openpersonalize.api.model.CreateDatasetGroupRequest;
import org.openpersonalize.api.model.CreateSchemaRequest;
import org.openpersonalize.api.model.InvalidInputException;
import org.openpersonalize.api.model.ListSchemasRequest;
import org.openpersonalize.engine.internal.schema.FieldNames;

/**
 * The engine's own dataset-table columns can never collide with a user's column: CreateSchema
 * refuses their names (as SQLite compares them, ignoring case) with the usual message instead of
 * letting CreateDataset fail later with SQLite's "duplicate column name".
 */
class ReservedColumnNamesTest {

  private static String schemaWith(String record, String idFields, String extraField) {
    return "{\"type\":\"record\",\"name\":\""
        + record
        + "\",\"namespace\":\"com.amazonaws.personalize.schema\",\"fields\":["
        + idFields
        + ",{\"name\":\""
        + extraField
        + "\",\"type\":[\"null\",\"string\"]}],\"version\":\"1.0\"}";
  }

  private static final String INTERACTION_FIELDS =
      "{\"name\":\"USER_ID\",\"type\":\"string\"},{\"name\":\"ITEM_ID\",\"type\":\"string\"},"
          + "{\"name\":\"TIMESTAMP\",\"type\":\"long\"}";

  @ParameterizedTest(name = "{0} in {1}")
  @CsvSource({
    "_src, Interactions",
    "_src, Items",
    "_src, Users",
    "_SRC, Interactions",
    "_dedup, Interactions",
    "_Dedup, Items",
    "_event_id, Interactions",
    "_EVENT_ID, Users",
    "_session_id, Interactions",
    "_Session_Id, Items",
  })
  void createSchemaRefusesAReservedColumnNameAndStoresNothing(String name, String record) {
    String ids =
        switch (record) {
          case "Interactions" -> INTERACTION_FIELDS;
          case "Items" -> "{\"name\":\"ITEM_ID\",\"type\":\"string\"}";
          default -> "{\"name\":\"USER_ID\",\"type\":\"string\"}";
        };
    try (OpenPersonalize engine = OpenPersonalize.inMemory()) {
      Personalize p = engine.personalize();
      InvalidInputException e =
          assertThrows(
              InvalidInputException.class,
              () ->
                  p.createSchema(
                      CreateSchemaRequest.builder()
                          .name("s")
                          .schema(schemaWith(record, ids, name))
                          .build()));
      assertEquals(
          "Field names must not be one the engine reserves for its own columns (_dedup,"
              + " _event_id, _session_id, _src, case ignored); got: "
              + name,
          e.getMessage());
      assertEquals(0, p.listSchemas(ListSchemasRequest.builder().build()).schemas().size());
    }
  }

  @Test
  void namesThatOnlyResembleReservedOnesAreAccepted() {
    try (OpenPersonalize engine = OpenPersonalize.inMemory()) {
      Personalize p = engine.personalize();
      String group =
          p.createDatasetGroup(CreateDatasetGroupRequest.builder().name("g").build())
              .datasetGroupArn();
      // SRC normalises like _src for uniqueness, but SQLite sees a different column name.
      String schema =
          Fixtures.schema(p, "s", schemaWith("Interactions", INTERACTION_FIELDS, "SRC_"));
      Fixtures.dataset(p, group, "Interactions", schema);
    }
  }

  /**
   * Keeps {@link FieldNames#ENGINE_COLUMNS} complete: every column a dataset table has beyond its
   * schema's fields must be reserved, so a new bookkeeping column fails here until it is.
   */
  @Test
  void everyColumnTheEngineAddsToADatasetTableIsReserved(@TempDir Path dir) throws Exception {
    Set<String> schemaFields = new HashSet<>();
    try (OpenPersonalize engine = OpenPersonalize.open(dir)) {
      Personalize p = engine.personalize();
      String group =
          p.createDatasetGroup(CreateDatasetGroupRequest.builder().name("g").build())
              .datasetGroupArn();
      for (String[] d :
          List.of(
              new String[] {
                "Interactions", Fixtures.INTERACTIONS_SCHEMA, Fixtures.INTERACTIONS_HEADER
              },
              new String[] {"Items", Fixtures.ITEMS_SCHEMA, Fixtures.ITEMS_HEADER},
              new String[] {"Users", Fixtures.USERS_SCHEMA, Fixtures.USERS_HEADER})) {
        Fixtures.dataset(p, group, d[0], Fixtures.schema(p, d[0].toLowerCase(Locale.ROOT), d[1]));
        for (String f : d[2].split(",")) {
          schemaFields.add(f.toLowerCase(Locale.ROOT));
        }
      }
    }
    List<String> extra = new ArrayList<>();
    int tables = 0;
    try (Connection c =
            DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("personalize.db"));
        Statement s = c.createStatement()) {
      List<String> names = new ArrayList<>();
      try (ResultSet rs =
          s.executeQuery(
              "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'ds%'")) {
        while (rs.next()) {
          names.add(rs.getString(1));
        }
      }
      for (String table : names) {
        tables++;
        try (ResultSet rs = s.executeQuery("PRAGMA table_info(" + table + ")")) {
          while (rs.next()) {
            String col = rs.getString("name").toLowerCase(Locale.ROOT);
            if (!schemaFields.contains(col)) {
              extra.add(col);
            }
          }
        }
      }
    }
    assertEquals(3, tables, "dataset tables found");
    assertTrue(extra.contains("_src"), "the engine's bookkeeping columns: " + extra);
    assertTrue(
        FieldNames.ENGINE_COLUMNS.containsAll(extra),
        "dataset tables have columns CreateSchema does not reserve: "
            + extra
            + "; add them to FieldNames.ENGINE_COLUMNS");
  }
}
