package org.openpersonalize.engine.internal.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import org.openpersonalize.api.model.Domain;
import org.openpersonalize.api.model.InvalidInputException;
import org.openpersonalize.engine.internal.schema.SchemaExamples.Example;

/**
 * Feeds the parser arbitrary JSON, structural mutations of valid schemas and raw text edits of
 * them: every input must end in a {@link ParsedSchema} that satisfies the spec's invariants or in
 * an {@link InvalidInputException}, never in any other exception. A last property generates valid
 * schemas together with the {@link ParsedSchema} they must produce, the obviously-correct model.
 *
 * <p>Seeds are fixed so that a run can be reproduced; jqwik prints the seed of a failing try.
 */
class SchemaParserFuzzTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Words a schema is made of, so random trees often look almost like a schema. */
  private static final List<String> VOCABULARY =
      List.of(
          "type",
          "record",
          "name",
          "fields",
          "namespace",
          "version",
          "Interactions",
          "Items",
          "Users",
          "Actions",
          "ActionInteractions",
          "string",
          "int",
          "long",
          "float",
          "double",
          "boolean",
          "null",
          "bytes",
          "array",
          "map",
          "enum",
          "fixed",
          "items",
          "values",
          "symbols",
          "size",
          "categorical",
          "textual",
          "itemName",
          "logicalType",
          "default",
          "USER_ID",
          "ITEM_ID",
          "TIMESTAMP",
          "EVENT_TYPE",
          "EVENT_VALUE",
          "ACTION_ID",
          "GENRES");

  private static final List<String> FIELD_NAMES =
      List.of(
          "USER_ID",
          "ITEM_ID",
          "ACTION_ID",
          "TIMESTAMP",
          "EVENT_TYPE",
          "EVENT_VALUE",
          "IMPRESSION",
          "RECOMMENDATION_ID",
          "EVENT_ATTRIBUTION_SOURCE",
          "CREATION_TIMESTAMP",
          "VALUE",
          "TYPE",
          "EXPIRATION_TIMESTAMP",
          "REPEAT_FREQUENCY",
          "GENRES",
          "GENRES_L1",
          "GENRE_L2",
          "PRICE",
          "CATEGORY_L1",
          "PRODUCT_DESCRIPTION",
          "SUBSCRIPTION_MODEL",
          "user_id",
          "USERID",
          "User_Id",
          "_",
          "__",
          "A-B",
          "1ABC",
          "",
          " ",
          "\u00c9TAT",
          "x.y");

  private static final List<JsonNode> TYPES =
      parseAll(
          "'string'",
          "'int'",
          "'long'",
          "'float'",
          "'double'",
          "'boolean'",
          "'null'",
          "'bytes'",
          "'record'",
          "'Items'",
          "'STRING'",
          "['null','string']",
          "['string']",
          "['float','null']",
          "['null']",
          "[]",
          "['string','int']",
          "['null','long','int']",
          "{'type':'record','name':'Inner','fields':[{'name':'X','type':'int'}]}",
          "['null',{'type':'record','name':'Inner2','fields':[{'name':'Y','type':'int'}]}]",
          "{'type':'array','items':'string'}",
          "{'type':'map','values':'int'}",
          "{'type':'enum','name':'E','symbols':['A','B']}",
          "{'type':'fixed','name':'F','size':4}",
          "{'type':'long','logicalType':'timestamp-millis'}",
          "{'type':'string','logicalType':'uuid'}",
          "{'type':'bytes','logicalType':'decimal','precision':4,'scale':2}",
          "{'type':'int'}",
          "{'type':'string','categorical':true}",
          "{}",
          "42",
          "true",
          "null",
          "{'type':'error'}");

  private static List<JsonNode> parseAll(String... singleQuoted) {
    List<JsonNode> out = new ArrayList<>();
    for (String s : singleQuoted) {
      try {
        out.add(JSON.readTree(SchemaExamples.q(s)));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("bad fixture " + s, e);
      }
    }
    return List.copyOf(out);
  }

  /** Parses and checks the outcome; returns whether the schema was accepted. */
  private static boolean check(String json, Domain domain) {
    ParsedSchema s;
    try {
      s = SchemaParser.parse(json, domain);
    } catch (InvalidInputException e) {
      assertNotNull(e.getMessage());
      assertFalse(e.getMessage().isBlank());
      return false;
    }
    assertNotNull(s.datasetType());
    assertFalse(s.fields().isEmpty());
    Set<String> normalized = new HashSet<>();
    for (SchemaField f : s.fields()) {
      assertTrue(normalized.add(FieldNames.normalize(f.name())), f.name());
      if (f.categorical() || f.textual() || f.itemName()) {
        assertEquals(FieldType.STRING, f.type(), f.name());
      }
      if (f.textual() || f.itemName()) {
        assertEquals(DatasetType.ITEMS, s.datasetType(), f.name());
      }
    }
    assertTrue(s.fields().stream().filter(SchemaField::textual).count() <= 1);
    return true;
  }

  @Property(tries = 1000, seed = "7501")
  void arbitraryJsonYieldsSchemaOrInvalidInput(
      @ForAll("jsonTrees") JsonNode tree, @ForAll("domains") Domain domain) {
    check(tree.toString(), domain);
  }

  @Property(tries = 1000, seed = "7502")
  void mutatedValidSchemasYieldSchemaOrInvalidInput(
      @ForAll("examples") Example example,
      @ForAll("mutationLists") List<Mutation> mutations,
      @ForAll("domains") Domain otherDomain,
      @ForAll("mostlyTrue") boolean keepDomain)
      throws JsonProcessingException {
    ObjectNode root = (ObjectNode) JSON.readTree(example.json());
    for (Mutation m : mutations) {
      m.apply().accept(root);
    }
    boolean accepted = check(root.toString(), keepDomain ? example.domain() : otherDomain);

    Statistics.label("outcome").collect(accepted ? "accepted" : "rejected");
    // Guards the generator: if every mutant were rejected, the property would prove little.
    Statistics.label("outcome").coverage(c -> c.check("accepted").percentage(p -> p >= 5.0));
  }

  @Property(tries = 1000, seed = "7503")
  void textEditsOfValidSchemasYieldSchemaOrInvalidInput(
      @ForAll("examples") Example example, @ForAll("textEditLists") List<TextEdit> edits) {
    StringBuilder text = new StringBuilder(example.json());
    for (TextEdit e : edits) {
      e.applyTo(text);
    }
    check(text.toString(), example.domain());
  }

  @Property(tries = 300, seed = "7504")
  void generatedValidSchemasParseToTheirModel(@ForAll("validSchemas") Generated g) {
    assertEquals(g.expected(), SchemaParser.parse(g.json(), null));
  }

  // ---------------------------------------------------------------------------------------------
  // Arbitrary JSON

  @Provide
  Arbitrary<Domain> domains() {
    return Arbitraries.of(Domain.ECOMMERCE, Domain.VIDEO_ON_DEMAND).injectNull(0.5);
  }

  @Provide
  Arbitrary<Boolean> mostlyTrue() {
    return Arbitraries.frequency(Tuple.of(4, true), Tuple.of(1, false));
  }

  @Provide
  Arbitrary<Example> examples() {
    return Arbitraries.of(SchemaExamples.ALL);
  }

  @Provide
  Arbitrary<JsonNode> jsonTrees() {
    return tree(3);
  }

  private static Arbitrary<String> words() {
    return Arbitraries.oneOf(
        Arbitraries.of(VOCABULARY),
        Arbitraries.of(FIELD_NAMES),
        Arbitraries.strings().ofMaxLength(8));
  }

  private static Arbitrary<JsonNode> leaves() {
    return Arbitraries.oneOf(
        words().map(NODES::textNode),
        Arbitraries.integers().map(NODES::numberNode),
        Arbitraries.doubles().map(NODES::numberNode),
        Arbitraries.of(true, false).map(NODES::booleanNode),
        Arbitraries.just(NODES.nullNode()),
        Arbitraries.of(TYPES));
  }

  private static Arbitrary<JsonNode> tree(int depth) {
    if (depth == 0) {
      return leaves();
    }
    Arbitrary<JsonNode> child = tree(depth - 1);
    Arbitrary<JsonNode> arrays =
        child
            .list()
            .ofMaxSize(4)
            .map(
                l -> {
                  ArrayNode a = NODES.arrayNode();
                  l.forEach(a::add);
                  return a;
                });
    Arbitrary<JsonNode> objects =
        Arbitraries.maps(words(), child)
            .ofMaxSize(5)
            .map(
                m -> {
                  ObjectNode o = NODES.objectNode();
                  m.forEach(o::set);
                  return o;
                });
    return Arbitraries.frequencyOf(
        Tuple.of(3, leaves()), Tuple.of(2, arrays), Tuple.of(3, objects));
  }

  // ---------------------------------------------------------------------------------------------
  // Structural mutations

  /** One change to a schema document; the label makes jqwik's report readable. */
  record Mutation(String label, Consumer<ObjectNode> apply) {
    @Override
    public String toString() {
      return label;
    }
  }

  private static ArrayNode fields(ObjectNode root) {
    JsonNode f = root.get("fields");
    return f instanceof ArrayNode a && !a.isEmpty() ? a : null;
  }

  private static Mutation onField(String label, int index, FieldEdit edit) {
    return new Mutation(
        label + " @" + index,
        root -> {
          ArrayNode fields = fields(root);
          if (fields != null) {
            int i = Math.floorMod(index, fields.size());
            edit.apply(fields, i);
          }
        });
  }

  @FunctionalInterface
  private interface FieldEdit {
    void apply(ArrayNode fields, int i);
  }

  private static void setOnObject(ArrayNode fields, int i, String key, JsonNode value) {
    if (fields.get(i) instanceof ObjectNode o) {
      o.set(key, value.deepCopy());
    }
  }

  @Provide
  Arbitrary<List<Mutation>> mutationLists() {
    return mutations().list().ofMinSize(1).ofMaxSize(4);
  }

  private static Arbitrary<Mutation> mutations() {
    Arbitrary<Integer> index = Arbitraries.integers().between(0, 20);
    Arbitrary<String> attribute =
        Arbitraries.of(
            "categorical",
            "textual",
            "itemName",
            "default",
            "order",
            "aliases",
            "doc",
            "name",
            "type");
    Arbitrary<JsonNode> type = Arbitraries.oneOf(Arbitraries.of(TYPES), tree(2));
    Arbitrary<JsonNode> value = Arbitraries.oneOf(leaves(), tree(2));
    Arbitrary<String> name = Arbitraries.oneOf(Arbitraries.of(FIELD_NAMES), words());

    Arbitrary<Mutation> drop = index.map(i -> onField("drop field", i, (fs, j) -> fs.remove(j)));
    Arbitrary<Mutation> retype =
        Combinators.combine(index, type)
            .as((i, t) -> onField("type " + t, i, (fs, j) -> setOnObject(fs, j, "type", t)));
    Arbitrary<Mutation> setAttribute =
        Combinators.combine(index, attribute, value)
            .as((i, k, v) -> onField(k + "=" + v, i, (fs, j) -> setOnObject(fs, j, k, v)));
    Arbitrary<Mutation> removeAttribute =
        Combinators.combine(index, Arbitraries.of("name", "type", "categorical", "textual"))
            .as(
                (i, k) ->
                    onField(
                        "remove " + k,
                        i,
                        (fs, j) -> {
                          if (fs.get(j) instanceof ObjectNode o) {
                            o.remove(k);
                          }
                        }));
    Arbitrary<Mutation> rename =
        Combinators.combine(index, name)
            .as(
                (i, n) ->
                    onField(
                        "rename " + n,
                        i,
                        (fs, j) -> setOnObject(fs, j, "name", NODES.textNode(n))));
    Arbitrary<Mutation> duplicate =
        index.map(i -> onField("duplicate", i, (fs, j) -> fs.add(fs.get(j).deepCopy())));
    Arbitrary<Mutation> swap =
        Combinators.combine(index, index)
            .as(
                (i, k) ->
                    onField(
                        "swap with " + k,
                        i,
                        (fs, j) -> {
                          int other = Math.floorMod(k, fs.size());
                          JsonNode a = fs.get(j);
                          fs.set(j, fs.get(other));
                          fs.set(other, a);
                        }));
    Arbitrary<Mutation> replaceField =
        Combinators.combine(index, tree(2))
            .as((i, t) -> onField("replace with " + t, i, (fs, j) -> fs.set(j, t.deepCopy())));
    Arbitrary<Mutation> addFields =
        Combinators.combine(Arbitraries.integers().between(1, 120), name, type)
            .as(
                (count, n, t) ->
                    new Mutation(
                        "add " + count + " fields " + n + "N: " + t,
                        root -> {
                          ArrayNode fs = fields(root);
                          if (fs != null) {
                            for (int c = 0; c < count; c++) {
                              ObjectNode f = fs.addObject();
                              f.put("name", n + (count == 1 ? "" : "F" + c));
                              f.set("type", t.deepCopy());
                            }
                          }
                        }));
    // Changes a valid schema survives, so that accepted mutants exercise the success path too.
    Arbitrary<Mutation> addMetadata =
        Combinators.combine(
                Arbitraries.integers().between(0, 999),
                Arbitraries.of("'int'", "['null','double']", "'float'", "['long','null']"))
            .as(
                (k, t) ->
                    new Mutation(
                        "add EXTRA_" + k + ": " + t,
                        root -> {
                          ArrayNode fs = fields(root);
                          if (fs != null) {
                            ObjectNode f = fs.addObject();
                            f.put("name", "EXTRA_" + k);
                            f.set("type", parseAll(t).get(0));
                          }
                        }));
    Arbitrary<Mutation> harmless =
        Combinators.combine(index, Arbitraries.of("doc", "categorical", "aliases"))
            .as(
                (i, k) ->
                    onField(
                        "harmless " + k,
                        i,
                        (fs, j) -> {
                          if (fs.get(j) instanceof ObjectNode o) {
                            switch (k) {
                              case "doc" -> o.put("doc", "a comment");
                              case "categorical" ->
                                  o.put("categorical", o.path("categorical").asBoolean());
                              default -> o.putArray("aliases").add("OLD_" + j);
                            }
                          }
                        }));
    Arbitrary<Mutation> setTop =
        Combinators.combine(
                Arbitraries.of("type", "name", "namespace", "fields", "version", "doc", "aliases"),
                value)
            .as((k, v) -> new Mutation("top " + k + "=" + v, root -> root.set(k, v.deepCopy())));
    Arbitrary<Mutation> removeTop =
        Arbitraries.of("type", "name", "fields", "namespace")
            .map(k -> new Mutation("remove top " + k, root -> root.remove(k)));
    Arbitrary<Mutation> renameRecord =
        Arbitraries.of(VOCABULARY)
            .map(n -> new Mutation("record name " + n, root -> root.put("name", n)));
    Arbitrary<Mutation> nest =
        Arbitraries.of("Items", "Users", "Inner")
            .map(
                n ->
                    new Mutation(
                        "nest in " + n,
                        root -> {
                          ObjectNode old = root.deepCopy();
                          root.removeAll();
                          root.put("type", "record").put("name", n);
                          ObjectNode f = root.putArray("fields").addObject();
                          f.put("name", "INNER").set("type", old);
                        }));
    return Arbitraries.frequencyOf(
        Tuple.of(3, addMetadata),
        Tuple.of(3, harmless),
        Tuple.of(2, drop),
        Tuple.of(3, retype),
        Tuple.of(3, setAttribute),
        Tuple.of(1, removeAttribute),
        Tuple.of(2, rename),
        Tuple.of(1, duplicate),
        Tuple.of(1, swap),
        Tuple.of(1, replaceField),
        Tuple.of(2, addFields),
        Tuple.of(1, setTop),
        Tuple.of(1, removeTop),
        Tuple.of(1, renameRecord),
        Tuple.of(1, nest));
  }

  // ---------------------------------------------------------------------------------------------
  // Raw text edits

  /** One edit of the schema text at a position taken modulo its length. */
  record TextEdit(int kind, int position, int length, String insert) {
    void applyTo(StringBuilder text) {
      int n = text.length();
      int at = n == 0 ? 0 : Math.floorMod(position, n + 1);
      int end = Math.min(n, at + length);
      switch (kind) {
        case 0 -> text.delete(at, end);
        case 1 -> text.insert(at, insert);
        case 2 -> text.replace(at, end, insert);
        case 3 -> text.setLength(at);
        default -> text.insert(at, text.substring(at, end));
      }
    }
  }

  @Provide
  Arbitrary<List<TextEdit>> textEditLists() {
    Arbitrary<String> insert =
        Arbitraries.oneOf(
            Arbitraries.of(
                "{",
                "}",
                "[",
                "]",
                ",",
                ":",
                "\"",
                "null",
                "\"record\"",
                "\"type\":",
                "\\",
                "\u0000",
                "\"categorical\":true,",
                "{\"type\":\"record\"}",
                "1e999",
                "-0",
                "//",
                "/*"),
            Arbitraries.strings().ofMaxLength(6));
    Arbitrary<TextEdit> edit =
        Combinators.combine(
                Arbitraries.integers().between(0, 4),
                Arbitraries.integers().between(0, 2_000),
                Arbitraries.integers().between(0, 40),
                insert)
            .as(TextEdit::new);
    return edit.list().ofMinSize(1).ofMaxSize(3);
  }

  // ---------------------------------------------------------------------------------------------
  // Valid schemas with their expected result

  /** A generated valid schema and what parsing it must return. */
  record Generated(String json, ParsedSchema expected) {
    @Override
    public String toString() {
      return json;
    }
  }

  /** One generated metadata field: categorical only when a string. */
  private record Spec(FieldType type, boolean nullable, boolean nullFirst, boolean categorical) {
    SchemaField toField(String name) {
      return new SchemaField(
          name, type, nullable, categorical && type == FieldType.STRING, false, false);
    }

    String json(String name) {
      String t = '"' + type.name().toLowerCase(Locale.ROOT) + '"';
      String typeJson = !nullable ? t : nullFirst ? "[\"null\"," + t + "]" : "[" + t + ",\"null\"]";
      String cat = categorical && type == FieldType.STRING ? ",\"categorical\":true" : "";
      return "{\"name\":\"" + name + "\",\"type\":" + typeJson + cat + "}";
    }
  }

  @Provide
  Arbitrary<Generated> validSchemas() {
    Arbitrary<Spec> spec =
        Combinators.combine(
                Arbitraries.of(FieldType.class),
                Arbitraries.of(true, false),
                Arbitraries.of(true, false),
                Arbitraries.of(true, false))
            .as(Spec::new);
    return Combinators.combine(
            Arbitraries.of(DatasetType.USERS, DatasetType.ITEMS),
            spec.list()
                .ofMinSize(1)
                .ofMaxSize(25)
                // Without a numeric or categorical field the schema would be invalid.
                .filter(
                    l ->
                        l.stream()
                            .anyMatch(s -> s.toField("x").categorical() || s.type().isNumeric())),
            Arbitraries.integers().between(0, 25),
            Arbitraries.of(true, false))
        .as(SchemaParserFuzzTest::generate);
  }

  private static Generated generate(
      DatasetType type, List<Spec> specs, int idPosition, boolean withTextualOrTimestamp) {
    List<String> json = new ArrayList<>();
    List<SchemaField> expected = new ArrayList<>();
    for (int i = 0; i < specs.size(); i++) {
      String name = "META_" + i;
      json.add(specs.get(i).json(name));
      expected.add(specs.get(i).toField(name));
    }
    if (withTextualOrTimestamp && type == DatasetType.ITEMS) {
      json.add("{\"name\":\"DESCRIPTION\",\"type\":[\"null\",\"string\"],\"textual\":true}");
      expected.add(new SchemaField("DESCRIPTION", FieldType.STRING, true, false, true, false));
      json.add("{\"name\":\"CREATION_TIMESTAMP\",\"type\":\"long\"}");
      expected.add(
          new SchemaField("CREATION_TIMESTAMP", FieldType.LONG, false, false, false, false));
    }
    String id = type == DatasetType.USERS ? "USER_ID" : "ITEM_ID";
    int at = Math.min(idPosition, json.size());
    json.add(at, "{\"name\":\"" + id + "\",\"type\":\"string\"}");
    expected.add(at, new SchemaField(id, FieldType.STRING, false, false, false, false));
    String doc =
        "{\"type\":\"record\",\"name\":\""
            + type.recordName()
            + "\",\"fields\":["
            + String.join(",", json)
            + "]}";
    return new Generated(doc, new ParsedSchema(type, expected));
  }
}
