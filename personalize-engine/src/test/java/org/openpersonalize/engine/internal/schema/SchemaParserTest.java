package org.openpersonalize.engine.internal.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openpersonalize.engine.internal.schema.SchemaExamples.ACTION_ID;
import static org.openpersonalize.engine.internal.schema.SchemaExamples.EVENT_TYPE;
import static org.openpersonalize.engine.internal.schema.SchemaExamples.ITEM_ID;
import static org.openpersonalize.engine.internal.schema.SchemaExamples.TIMESTAMP;
import static org.openpersonalize.engine.internal.schema.SchemaExamples.USER_ID;
import static org.openpersonalize.engine.internal.schema.SchemaExamples.field;
import static org.openpersonalize.engine.internal.schema.SchemaExamples.q;
import static org.openpersonalize.engine.internal.schema.SchemaExamples.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openpersonalize.api.model.Domain;
import org.openpersonalize.api.model.InvalidInputException;

class SchemaParserTest {

  private static String error(String json, Domain domain) {
    return assertThrows(InvalidInputException.class, () -> SchemaParser.parse(json, domain))
        .getMessage();
  }

  private static String error(String json) {
    return error(json, null);
  }

  private static SchemaField f(String name, FieldType type, boolean nullable) {
    return new SchemaField(name, type, nullable, false, false, false);
  }

  private static SchemaField categorical(String name, boolean nullable) {
    return new SchemaField(name, FieldType.STRING, nullable, true, false, false);
  }

  /** n extra metadata fields M1..Mn of the given type. */
  private static List<String> metadata(int n, String type) {
    List<String> out = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      out.add(field("M" + i, type));
    }
    return out;
  }

  private static String[] concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all.toArray(String[]::new);
  }

  @Nested
  class ValidSchemas {
    @Test
    void parsesMovieLensInteractionsSchemaWithFieldsInSchemaOrder() {
      ParsedSchema s = SchemaParser.parse(SchemaExamples.MOVIELENS_INTERACTIONS, null);

      assertEquals(
          new ParsedSchema(
              DatasetType.INTERACTIONS,
              List.of(
                  f("USER_ID", FieldType.STRING, false),
                  f("ITEM_ID", FieldType.STRING, false),
                  f("TIMESTAMP", FieldType.LONG, false),
                  f("EVENT_TYPE", FieldType.STRING, false),
                  f("EVENT_VALUE", FieldType.FLOAT, true))),
          s);
    }

    @Test
    void parsesItemsWithCategoricalGenresTextualDescriptionAndCreationTimestamp() {
      ParsedSchema s = SchemaParser.parse(SchemaExamples.MOVIE_ITEMS, null);

      assertEquals(
          new ParsedSchema(
              DatasetType.ITEMS,
              List.of(
                  f("ITEM_ID", FieldType.STRING, false),
                  categorical("GENRES", true),
                  new SchemaField("DESCRIPTION", FieldType.STRING, true, false, true, false),
                  f("CREATION_TIMESTAMP", FieldType.LONG, false))),
          s);
    }

    @Test
    void parsesUsersWithCategoricalGender() {
      ParsedSchema s = SchemaParser.parse(SchemaExamples.USERS_WITH_GENDER, null);

      assertEquals(
          new ParsedSchema(
              DatasetType.USERS,
              List.of(f("USER_ID", FieldType.STRING, false), categorical("GENDER", false))),
          s);
    }

    @Test
    void parsesActionsAndActionInteractions() {
      assertEquals(
          DatasetType.ACTIONS, SchemaParser.parse(SchemaExamples.ACTIONS, null).datasetType());
      assertEquals(
          DatasetType.ACTION_INTERACTIONS,
          SchemaParser.parse(SchemaExamples.ACTION_INTERACTIONS, null).datasetType());
    }

    @Test
    void parsesVideoOnDemandDefaultSchemas() {
      Domain vod = Domain.VIDEO_ON_DEMAND;
      assertEquals(
          DatasetType.INTERACTIONS,
          SchemaParser.parse(SchemaExamples.VOD_INTERACTIONS, vod).datasetType());
      assertEquals(
          List.of(f("USER_ID", FieldType.STRING, false), categorical("SUBSCRIPTION_MODEL", false)),
          SchemaParser.parse(SchemaExamples.VOD_USERS, vod).fields());
      assertEquals(
          List.of(
              f("ITEM_ID", FieldType.STRING, false),
              categorical("GENRES_L1", false),
              f("CREATION_TIMESTAMP", FieldType.LONG, false)),
          SchemaParser.parse(SchemaExamples.VOD_ITEMS, vod).fields());
    }

    @Test
    void parsesEcommerceDefaultSchemas() {
      Domain ec = Domain.ECOMMERCE;
      assertEquals(
          DatasetType.INTERACTIONS,
          SchemaParser.parse(SchemaExamples.ECOMMERCE_INTERACTIONS, ec).datasetType());
      assertEquals(
          DatasetType.USERS, SchemaParser.parse(SchemaExamples.ECOMMERCE_USERS, ec).datasetType());
      assertEquals(
          List.of(
              f("ITEM_ID", FieldType.STRING, false),
              f("PRICE", FieldType.FLOAT, false),
              categorical("CATEGORY_L1", false)),
          SchemaParser.parse(SchemaExamples.ECOMMERCE_ITEMS, ec).fields());
    }

    @Test
    void acceptsVideoOnDemandGenresUnderTheNameTheFieldListUses() {
      String json =
          schema(
              "Items",
              ITEM_ID,
              field("GENRES", "'string'", "'categorical':true"),
              field("CREATION_TIMESTAMP", "'long'"));

      assertEquals(3, SchemaParser.parse(json, Domain.VIDEO_ON_DEMAND).fields().size());
    }

    @Test
    void acceptsEveryAllowedPrimitiveNullableOrNotInEitherUnionOrder() {
      String json =
          schema(
              "Users",
              USER_ID,
              field("A", "'float'"),
              field("B", "['null','double']"),
              field("C", "['int','null']"),
              field("D", "'long'"),
              field("E", "['null','string']", "'categorical':true"),
              field("F", "['boolean']"));

      assertEquals(
          List.of(
              f("USER_ID", FieldType.STRING, false),
              f("A", FieldType.FLOAT, false),
              f("B", FieldType.DOUBLE, true),
              f("C", FieldType.INT, true),
              f("D", FieldType.LONG, false),
              categorical("E", true),
              f("F", FieldType.BOOLEAN, false)),
          SchemaParser.parse(json, null).fields());
    }

    @Test
    void acceptsPrimitiveWrittenAsTypeObject() {
      String json = schema("Users", USER_ID, field("AGE", "{'type':'int'}"));

      assertEquals(f("AGE", FieldType.INT, false), SchemaParser.parse(json, null).field("AGE"));
    }

    @Test
    void parsesItemNameField() {
      String json =
          schema(
              "Items",
              ITEM_ID,
              field("TITLE", "'string'", "'itemName':true"),
              field("DESCRIPTION", "'string'", "'textual':true"));

      assertEquals(
          new SchemaField("TITLE", FieldType.STRING, false, false, false, true),
          SchemaParser.parse(json, null).field("TITLE"));
    }

    @Test
    void acceptsExplicitFalseAttributesOnReservedFields() {
      String json =
          schema(
              "Interactions",
              USER_ID,
              ITEM_ID,
              TIMESTAMP,
              field("EVENT_TYPE", "'string'", "'categorical':false", "'textual':false"));

      assertEquals(4, SchemaParser.parse(json, null).fields().size());
    }

    @Test
    void acceptsSchemaWithoutNamespaceAndVersion() {
      String json =
          q(
              "{'type':'record','name':'Users','fields':["
                  + USER_ID
                  + ",{'name':'AGE','type':'int'}]}");

      assertEquals(DatasetType.USERS, SchemaParser.parse(json, null).datasetType());
    }

    @Test
    void acceptsSchemaOfExactlyTheMaximumLength() {
      String base = SchemaExamples.USERS_WITH_GENDER;
      String json = base + " ".repeat(SchemaParser.MAX_SCHEMA_LENGTH - base.length());

      assertEquals(DatasetType.USERS, SchemaParser.parse(json, null).datasetType());
    }
  }

  @Nested
  class DocumentShape {
    @Test
    void rejectsNullSchema() {
      assertEquals("Schema must be a non-blank Avro JSON string; got: null", error(null));
    }

    @Test
    void rejectsBlankSchema() {
      assertEquals(
          "Schema must be a non-blank Avro JSON string; got: 3 whitespace characters",
          error(" \n\t"));
    }

    @Test
    void rejectsSchemaLongerThan20000Characters() {
      String base = SchemaExamples.USERS_WITH_GENDER;
      String json = base + " ".repeat(SchemaParser.MAX_SCHEMA_LENGTH + 1 - base.length());

      assertEquals(
          "Schema must be at most 20000 characters long; got: 20001 characters", error(json));
    }

    @Test
    void rejectsARepeatedKeyInsteadOfLettingTheLastOneWin() {
      String json =
          SchemaExamples.USERS_WITH_GENDER.replaceFirst(
              "\"name\"\\s*:\\s*\"Users\"", "\"name\":\"Items\",\"name\":\"Users\"");
      assertTrue(json.contains("\"Items\""), json);
      String msg = error(json);
      assertTrue(
          msg.startsWith("Schema must be valid Avro schema JSON; got: Duplicate field 'name'"),
          msg);
    }

    @Test
    void rejectsMalformedJsonQuotingTheParserMessage() {
      String msg = error("{\"type\":\"record\",");

      assertTrue(
          msg.startsWith("Schema must be valid Avro schema JSON; got: Unexpected end-of-input"),
          msg);
    }

    @Test
    void rejectsTrailingContentAfterTheSchema() {
      assertEquals(
          "Schema must be valid Avro schema JSON; got: dangling content after end of schema: x",
          error(SchemaExamples.USERS_WITH_GENDER + " x"));
    }

    @Test
    void rejectsDuplicateFieldNameThroughAvro() {
      String msg = error(schema("Users", USER_ID, field("AGE", "'int'"), field("AGE", "'long'")));

      assertTrue(
          msg.startsWith("Schema must be valid Avro schema JSON; got: Duplicate field AGE"), msg);
    }

    @Test
    void rejectsFieldNameAvroDoesNotAllow() {
      assertEquals(
          "Schema must be valid Avro schema JSON; got: Illegal character in: AGE-GROUP",
          error(schema("Users", USER_ID, field("AGE-GROUP", "'int'"))));
    }

    @Test
    void rejectsUnknownDomain() {
      assertEquals(
          "Schema domain must be ECOMMERCE or VIDEO_ON_DEMAND, or absent for a Custom dataset"
              + " group; got: a domain this version does not know",
          error(SchemaExamples.VOD_USERS, Domain.UNKNOWN_TO_SDK_VERSION));
    }

    @Test
    void rejectsSchemaThatIsNotARecord() {
      assertEquals(
          "Schema must be an Avro record ({\"type\": \"record\", ...}); got: \"type\": \"string\"",
          error("\"string\""));
      assertEquals(
          "Schema must be an Avro record ({\"type\": \"record\", ...}); got: \"type\":"
              + " {\"type\":\"array\",...}",
          error(q("{'type':'array','items':'string'}")));
    }

    @Test
    void rejectsErrorTypeAlthoughAvroTreatsItAsARecord() {
      assertEquals(
          "Schema must be an Avro record ({\"type\": \"record\", ...}); got: \"type\": \"error\"",
          error(q("{'type':'error','name':'Users','fields':[" + USER_ID + "]}")));
    }

    @Test
    void rejectsRecordNameThatIsNoDatasetType() {
      assertEquals(
          "Schema record name must be one of Interactions, Items, Users, Actions,"
              + " ActionInteractions; got: Movies",
          error(schema("Movies", ITEM_ID)));
    }

    @Test
    void rejectsRecordNameInTheWrongCase() {
      assertEquals(
          "Schema record name must be one of Interactions, Items, Users, Actions,"
              + " ActionInteractions; got: interactions",
          error(schema("interactions", USER_ID, ITEM_ID, TIMESTAMP)));
    }

    @Test
    void rejectsApiSpellingOfActionInteractionsAsRecordName() {
      assertEquals(
          "Schema record name must be one of Interactions, Items, Users, Actions,"
              + " ActionInteractions; got: Action_Interactions",
          error(schema("Action_Interactions", USER_ID, ACTION_ID, TIMESTAMP, EVENT_TYPE)));
    }

    @Test
    void rejectsActionsSchemaInADomain() {
      assertEquals(
          "Schema record name must be Interactions, Items or Users in the ECOMMERCE domain"
              + " (Actions and ActionInteractions exist only in Custom dataset groups); got:"
              + " Actions",
          error(SchemaExamples.ACTIONS, Domain.ECOMMERCE));
    }
  }

  @Nested
  class FieldTypes {
    private String usersWith(String type) {
      return schema("Users", USER_ID, field("AGE", "'int'"), field("X", type));
    }

    @Test
    void rejectsNestedRecord() {
      assertEquals(
          "Field X must have a primitive type (float, double, int, long, string or boolean),"
              + " optionally in a union with \"null\"; got: \"type\":"
              + " {\"type\":\"record\",\"name\":\"Address\",...} (schemas are flat: nested records"
              + " are not allowed)",
          error(
              usersWith(
                  "{'type':'record','name':'Address','fields':[{'name':'CITY','type':'string'}]}")));
    }

    @Test
    void rejectsNullableNestedRecord() {
      assertEquals(
          "Field X must have a primitive type (float, double, int, long, string or boolean),"
              + " optionally in a union with \"null\"; got: \"type\":"
              + " [\"null\",{\"type\":\"record\",\"name\":\"Address\",...}] (schemas are flat:"
              + " nested records are not allowed)",
          error(
              usersWith(
                  "['null',{'type':'record','name':'Address','fields':[{'name':'CITY','type':'string'}]}]")));
    }

    @Test
    void rejectsArray() {
      assertEquals(
          "Field X must have a primitive type (float, double, int, long, string or boolean),"
              + " optionally in a union with \"null\"; got: \"type\": {\"type\":\"array\",...}"
              + " (schemas are flat: arrays and maps are not allowed; join multiple values with |"
              + " in a string field)",
          error(usersWith("{'type':'array','items':'string'}")));
    }

    @Test
    void rejectsMap() {
      assertTrue(
          error(usersWith("{'type':'map','values':'int'}"))
              .contains(
                  "got: \"type\": {\"type\":\"map\",...} (schemas are flat: arrays and maps"));
    }

    @Test
    void rejectsEnum() {
      assertTrue(
          error(usersWith("{'type':'enum','name':'Tier','symbols':['GOLD','SILVER']}"))
              .endsWith(
                  "got: \"type\": {\"type\":\"enum\",\"name\":\"Tier\",...} (enums are not"
                      + " allowed; use a categorical string)"));
    }

    @Test
    void rejectsBytesAndFixed() {
      assertTrue(
          error(usersWith("'bytes'"))
              .endsWith("got: \"type\": \"bytes\" (binary types are not allowed)"));
      assertTrue(
          error(usersWith("{'type':'fixed','name':'Hash','size':16}"))
              .endsWith(
                  "got: \"type\": {\"type\":\"fixed\",\"name\":\"Hash\",...} (binary types are not"
                      + " allowed)"));
    }

    @Test
    void rejectsNullAlone() {
      assertTrue(
          error(usersWith("'null'"))
              .endsWith("got: \"type\": \"null\" (a field cannot be only null)"));
      assertTrue(
          error(usersWith("['null']"))
              .endsWith("got: \"type\": [\"null\"] (a union must contain one non-null type)"));
    }

    @Test
    void rejectsUnionOfTwoPrimitives() {
      assertEquals(
          "Field X must have a primitive type (float, double, int, long, string or boolean),"
              + " optionally in a union with \"null\"; got: \"type\": [\"null\",\"string\",\"int\"]"
              + " (a union may combine only one type with \"null\")",
          error(usersWith("['null','string','int']")));
    }

    @Test
    void rejectsLogicalType() {
      assertEquals(
          "Field X must have a plain primitive type without a logicalType (Personalize reads plain"
              + " values, e.g. epoch seconds); got: \"type\":"
              + " {\"type\":\"long\",\"logicalType\":\"timestamp-millis\"}",
          error(usersWith("{'type':'long','logicalType':'timestamp-millis'}")));
    }
  }

  @Nested
  class FieldNamesRule {
    @Test
    void rejectsNamesThatDifferOnlyInPunctuation() {
      assertEquals(
          "Field names must be unique once non-alphanumerics and case are ignored; got:"
              + " GENRES_FIELD_1 and GENRESFIELD1",
          error(
              schema(
                  "Items",
                  ITEM_ID,
                  field("GENRES_FIELD_1", "'string'", "'categorical':true"),
                  field("GENRESFIELD1", "'string'", "'categorical':true"))));
    }

    @Test
    void rejectsNamesThatDifferOnlyInCase() {
      assertEquals(
          "Field names must be unique once non-alphanumerics and case are ignored; got: AGE and"
              + " age",
          error(schema("Users", USER_ID, field("AGE", "'int'"), field("age", "'int'"))));
    }

    @Test
    void rejectsNameWithoutLetterOrDigit() {
      assertEquals(
          "Field names must contain a letter or digit; got: __",
          error(schema("Users", USER_ID, field("AGE", "'int'"), field("__", "'int'"))));
    }
  }

  @Nested
  class RequiredFields {
    static Stream<Arguments> missingRequiredField() {
      return Stream.of(
          Arguments.of(
              schema("Interactions", USER_ID, ITEM_ID),
              null,
              "Field TIMESTAMP must be present in Interactions schemas (required, type \"long\");"
                  + " got: no such field"),
          Arguments.of(
              schema("Users", field("AGE", "'int'")),
              null,
              "Field USER_ID must be present in Users schemas (required, type \"string\"); got: no"
                  + " such field"),
          Arguments.of(
              schema("Items", field("PRICE", "'float'")),
              null,
              "Field ITEM_ID must be present in Items schemas (required, type \"string\"); got: no"
                  + " such field"),
          Arguments.of(
              schema("Actions", field("PRICE", "'float'")),
              null,
              "Field ACTION_ID must be present in Actions schemas (required, type \"string\");"
                  + " got: no such field"),
          Arguments.of(
              schema("ActionInteractions", USER_ID, ACTION_ID, TIMESTAMP),
              null,
              "Field EVENT_TYPE must be present in ActionInteractions schemas (required, type"
                  + " \"string\"); got: no such field"),
          Arguments.of(
              schema("Interactions", USER_ID, ITEM_ID, TIMESTAMP),
              Domain.VIDEO_ON_DEMAND,
              "Field EVENT_TYPE must be present in VIDEO_ON_DEMAND Interactions schemas (required,"
                  + " type \"string\"); got: no such field"),
          Arguments.of(
              schema("Items", ITEM_ID, field("CREATION_TIMESTAMP", "'long'")),
              Domain.VIDEO_ON_DEMAND,
              "Field GENRES must be present in VIDEO_ON_DEMAND Items schemas (required,"
                  + " categorical, type \"string\"; GENRES_L1 is accepted instead); got: no such"
                  + " field"),
          Arguments.of(
              schema("Items", ITEM_ID, field("GENRES", "'string'", "'categorical':true")),
              Domain.VIDEO_ON_DEMAND,
              "Field CREATION_TIMESTAMP must be present in VIDEO_ON_DEMAND Items schemas"
                  + " (required, type \"long\"); got: no such field"),
          Arguments.of(
              schema("Items", ITEM_ID, field("CATEGORY_L1", "'string'", "'categorical':true")),
              Domain.ECOMMERCE,
              "Field PRICE must be present in ECOMMERCE Items schemas (required, type \"float\");"
                  + " got: no such field"),
          Arguments.of(
              schema("Items", ITEM_ID, field("PRICE", "'float'")),
              Domain.ECOMMERCE,
              "Field CATEGORY_L1 must be present in ECOMMERCE Items schemas (required,"
                  + " categorical, type \"string\"); got: no such field"));
    }

    @ParameterizedTest
    @MethodSource
    void missingRequiredField(String json, Domain domain, String expected) {
      assertEquals(expected, error(json, domain));
    }

    @Test
    void missingRequiredFieldPointsAtANearMiss() {
      assertEquals(
          "Field TIMESTAMP must be present in Interactions schemas (required, type \"long\"); got:"
              + " no such field; field timestamp differs only in case or punctuation",
          error(schema("Interactions", USER_ID, ITEM_ID, field("timestamp", "'long'"))));
    }

    @Test
    void customInteractionsNeedNoEventType() {
      assertEquals(
          3,
          SchemaParser.parse(schema("Interactions", USER_ID, ITEM_ID, TIMESTAMP), null)
              .fields()
              .size());
    }

    @Test
    void rejectsNullableRequiredField() {
      assertEquals(
          "Field USER_ID must have type \"string\" (a required field of Interactions schemas);"
              + " got: \"type\": [\"null\",\"string\"]",
          error(schema("Interactions", field("USER_ID", "['null','string']"), ITEM_ID, TIMESTAMP)));
    }

    @Test
    void rejectsRequiredFieldOfWrongType() {
      assertEquals(
          "Field TIMESTAMP must have type \"long\" (a required field of Interactions schemas);"
              + " got: \"type\": \"int\"",
          error(schema("Interactions", USER_ID, ITEM_ID, field("TIMESTAMP", "'int'"))));
    }

    @Test
    void rejectsNullableRequiredPriceInEcommerceItems() {
      assertEquals(
          "Field PRICE must have type \"float\" (a required field of ECOMMERCE Items schemas);"
              + " got: \"type\": [\"null\",\"float\"]",
          error(
              schema(
                  "Items",
                  ITEM_ID,
                  field("PRICE", "['null','float']"),
                  field("CATEGORY_L1", "'string'", "'categorical':true")),
              Domain.ECOMMERCE));
    }
  }

  @Nested
  class ReservedFields {
    private String interactionsWith(String... extra) {
      List<String> fields = new ArrayList<>(List.of(USER_ID, ITEM_ID, TIMESTAMP));
      fields.addAll(List.of(extra));
      return schema("Interactions", fields.toArray(String[]::new));
    }

    @Test
    void rejectsEventValueAsDouble() {
      assertEquals(
          "Field EVENT_VALUE must have type \"float\" or [\"null\",\"float\"] (a reserved field of"
              + " Interactions schemas); got: \"type\": \"double\"",
          error(interactionsWith(field("EVENT_VALUE", "'double'"))));
    }

    @Test
    void acceptsEventValueAsFloatWithOrWithoutNull() {
      assertEquals(
          f("EVENT_VALUE", FieldType.FLOAT, false),
          SchemaParser.parse(interactionsWith(field("EVENT_VALUE", "'float'")), null)
              .field("EVENT_VALUE"));
      assertEquals(
          f("EVENT_VALUE", FieldType.FLOAT, true),
          SchemaParser.parse(interactionsWith(field("EVENT_VALUE", "['float','null']")), null)
              .field("EVENT_VALUE"));
    }

    @Test
    void rejectsNullableEventType() {
      assertEquals(
          "Field EVENT_TYPE must have type \"string\" (a reserved field of Interactions schemas);"
              + " got: \"type\": [\"null\",\"string\"]",
          error(interactionsWith(field("EVENT_TYPE", "['null','string']"))));
    }

    @Test
    void rejectsCategoricalEventType() {
      assertEquals(
          "Field EVENT_TYPE must not be categorical; got: \"categorical\": true",
          error(interactionsWith(field("EVENT_TYPE", "'string'", "'categorical':true"))));
    }

    @Test
    void rejectsCategoricalIdField() {
      assertEquals(
          "Field USER_ID must not be categorical; got: \"categorical\": true",
          error(
              schema(
                  "Users",
                  field("USER_ID", "'string'", "'categorical':true"),
                  field("AGE", "'int'"))));
    }

    @Test
    void rejectsCreationTimestampOfWrongType() {
      assertEquals(
          "Field CREATION_TIMESTAMP must have type \"long\" (a reserved field of Items schemas);"
              + " got: \"type\": \"float\"",
          error(
              schema(
                  "Items",
                  ITEM_ID,
                  field("CREATION_TIMESTAMP", "'float'"),
                  field("PRICE", "'float'"))));
    }

    @Test
    void acceptsEveryCustomInteractionsReservedFieldWithFiveMetadataFields() {
      List<String> reserved =
          List.of(
              USER_ID,
              ITEM_ID,
              TIMESTAMP,
              EVENT_TYPE,
              field("EVENT_VALUE", "['null','float']"),
              field("IMPRESSION", "['null','string']"),
              field("RECOMMENDATION_ID", "['null','string']"),
              field("EVENT_ATTRIBUTION_SOURCE", "['null','string']"));

      ParsedSchema s =
          SchemaParser.parse(
              schema("Interactions", concat(reserved, metadata(5, "'string'"))), null);

      assertEquals(13, s.fields().size());
    }

    @Test
    void acceptsBothSpellingsOfTheActionExpirationTimestamp() {
      String json =
          schema(
              "Actions",
              ACTION_ID,
              field("EXPIRATION_TIMESTAMP", "['null','long']"),
              field("ACTION_EXPIRATION_TIMESTAMP", "'long'"),
              field("REPEAT_FREQUENCY", "['null','long']"),
              field("TYPE", "['null','string']"),
              field("COST", "'double'"));

      assertEquals(6, SchemaParser.parse(json, null).fields().size());
    }

    @Test
    void rejectsActionValueAsFloat() {
      assertEquals(
          "Field VALUE must have type \"long\" or [\"null\",\"long\"] (a reserved field of Actions"
              + " schemas); got: \"type\": \"float\"",
          error(
              schema("Actions", ACTION_ID, field("VALUE", "'float'"), field("COST", "'double'"))));
    }

    @Test
    void rejectsReservedCategoricalFieldWithoutTheAttribute() {
      assertEquals(
          "Field GENRE_L2 must be categorical; got: no \"categorical\" attribute",
          error(
              schema(
                  "Items",
                  ITEM_ID,
                  field("GENRES", "'string'", "'categorical':true"),
                  field("CREATION_TIMESTAMP", "'long'"),
                  field("GENRE_L2", "['null','string']")),
              Domain.VIDEO_ON_DEMAND));
    }

    @Test
    void rejectsRequiredCategoricalFieldMarkedFalse() {
      assertEquals(
          "Field CATEGORY_L1 must be categorical; got: \"categorical\": false",
          error(
              schema(
                  "Items",
                  ITEM_ID,
                  field("PRICE", "'float'"),
                  field("CATEGORY_L1", "'string'", "'categorical':false")),
              Domain.ECOMMERCE));
    }

    @Test
    void rejectsReservedCategoricalFieldOfNonStringType() {
      assertEquals(
          "Field SUBSCRIPTION_MODEL must have type \"string\" or [\"null\",\"string\"] (a reserved"
              + " field of VIDEO_ON_DEMAND Users schemas); got: \"type\": \"int\"",
          error(
              schema("Users", USER_ID, field("SUBSCRIPTION_MODEL", "'int'", "'categorical':true")),
              Domain.VIDEO_ON_DEMAND));
    }

    @Test
    void rejectsProductDescriptionWithoutTextual() {
      assertEquals(
          "Field PRODUCT_DESCRIPTION must be textual; got: no \"textual\" attribute",
          error(
              schema(
                  "Items",
                  ITEM_ID,
                  field("PRICE", "'float'"),
                  field("CATEGORY_L1", "'string'", "'categorical':true"),
                  field("PRODUCT_DESCRIPTION", "['null','string']")),
              Domain.ECOMMERCE));
    }

    @Test
    void rejectsTextualIdField() {
      assertEquals(
          "Field ITEM_ID must not be textual; got: \"textual\": true",
          error(
              schema(
                  "Items",
                  field("ITEM_ID", "'string'", "'textual':true"),
                  field("PRICE", "'float'"))));
    }

    @Test
    void rejectsItemNameOnReservedField() {
      assertEquals(
          "Field ITEM_ID must not be itemName (it is a required or reserved field); got:"
              + " \"itemName\": true",
          error(
              schema(
                  "Items",
                  field("ITEM_ID", "'string'", "'itemName':true"),
                  field("PRICE", "'float'"))));
    }

    @Test
    void domainReservedNamesAreOrdinaryMetadataInCustomGroups() {
      // SUBSCRIPTION_MODEL is reserved only in VIDEO_ON_DEMAND; a Custom group may type it freely.
      String json = schema("Users", USER_ID, field("SUBSCRIPTION_MODEL", "'int'"));

      assertEquals(
          f("SUBSCRIPTION_MODEL", FieldType.INT, false),
          SchemaParser.parse(json, null).field("SUBSCRIPTION_MODEL"));
    }
  }

  @Nested
  class Attributes {
    @Test
    void rejectsNonBooleanAttribute() {
      assertEquals(
          "Field GENDER attribute \"categorical\" must be true or false; got: \"categorical\":"
              + " \"true\"",
          error(schema("Users", USER_ID, field("GENDER", "'string'", "'categorical':'true'"))));
    }

    @Test
    void rejectsNullAttribute() {
      assertEquals(
          "Field GENDER attribute \"textual\" must be true or false; got: \"textual\": null",
          error(schema("Items", ITEM_ID, field("GENDER", "'string'", "'textual':null"))));
    }

    @Test
    void rejectsCategoricalOnNonString() {
      assertEquals(
          "Field AGE must have type string to be categorical; got: \"type\": [\"null\",\"int\"]",
          error(schema("Users", USER_ID, field("AGE", "['null','int']", "'categorical':true"))));
    }

    @Test
    void rejectsTextualOutsideItems() {
      assertEquals(
          "Field BIO must not be textual in Users schemas (only Items schemas have textual"
              + " fields); got: \"textual\": true",
          error(
              schema(
                  "Users",
                  USER_ID,
                  field("AGE", "'int'"),
                  field("BIO", "'string'", "'textual':true"))));
    }

    @Test
    void rejectsTextualOnNonString() {
      assertEquals(
          "Field PAGES must have type string to be textual; got: \"type\": \"int\"",
          error(schema("Items", ITEM_ID, field("PAGES", "'int'", "'textual':true"))));
    }

    @Test
    void rejectsFieldThatIsBothCategoricalAndTextual() {
      assertEquals(
          "Field TAGS must not be both categorical and textual; got: \"categorical\": true,"
              + " \"textual\": true",
          error(
              schema(
                  "Items",
                  ITEM_ID,
                  field("TAGS", "'string'", "'categorical':true", "'textual':true"))));
    }

    @Test
    void rejectsSecondTextualField() {
      assertEquals(
          "Items schemas must have at most 1 textual field; got: 2 (DESCRIPTION, SUMMARY)",
          error(
              schema(
                  "Items",
                  ITEM_ID,
                  field("DESCRIPTION", "'string'", "'textual':true"),
                  field("SUMMARY", "'string'", "'textual':true"))));
    }

    @Test
    void rejectsSecondTextualFieldBesidesProductDescription() {
      assertEquals(
          "ECOMMERCE Items schemas must have at most 1 textual field; got: 2 (PRODUCT_DESCRIPTION,"
              + " SUMMARY)",
          error(
              schema(
                  "Items",
                  ITEM_ID,
                  field("PRICE", "'float'"),
                  field("CATEGORY_L1", "'string'", "'categorical':true"),
                  field("PRODUCT_DESCRIPTION", "'string'", "'textual':true"),
                  field("SUMMARY", "'string'", "'textual':true")),
              Domain.ECOMMERCE));
    }

    @Test
    void rejectsItemNameOutsideItems() {
      assertEquals(
          "Field NAME must not be itemName in Users schemas (only Items schemas name items); got:"
              + " \"itemName\": true",
          error(
              schema(
                  "Users",
                  USER_ID,
                  field("AGE", "'int'"),
                  field("NAME", "'string'", "'itemName':true"))));
    }

    @Test
    void rejectsItemNameOnNonString() {
      assertEquals(
          "Field CODE must have type string to be itemName; got: \"type\": \"long\"",
          error(
              schema(
                  "Items",
                  ITEM_ID,
                  field("PRICE", "'float'"),
                  field("CODE", "'long'", "'itemName':true"))));
    }

    @Test
    void rejectsSecondItemNameField() {
      assertEquals(
          "Items schemas must have at most 1 itemName field; got: 2 (TITLE, SUBTITLE)",
          error(
              schema(
                  "Items",
                  ITEM_ID,
                  field("PRICE", "'float'"),
                  field("TITLE", "'string'", "'itemName':true"),
                  field("SUBTITLE", "'string'", "'itemName':true"))));
    }
  }

  @Nested
  class MetadataFields {
    @Test
    void rejectsUsersWithoutMetadata() {
      assertEquals(
          "Users schemas must have at least 1 metadata field Personalize can train on (a"
              + " categorical string or a numeric field) besides the required and reserved fields;"
              + " got: none",
          error(schema("Users", USER_ID)));
    }

    @Test
    void rejectsItemsWhoseOnlyMetadataCannotBeTrainedOn() {
      assertEquals(
          "Items schemas must have at least 1 metadata field Personalize can train on (a"
              + " categorical or textual string, or a numeric field) besides the required and"
              + " reserved fields; got: TITLE (plain string), IN_STOCK (boolean)",
          error(
              schema(
                  "Items",
                  ITEM_ID,
                  field("CREATION_TIMESTAMP", "'long'"),
                  field("TITLE", "'string'"),
                  field("IN_STOCK", "'boolean'"))));
    }

    @Test
    void rejectsActionsWithOnlyReservedFields() {
      assertEquals(
          "Actions schemas must have at least 1 metadata field Personalize can train on (a"
              + " categorical string or a numeric field) besides the required and reserved fields;"
              + " got: none",
          error(schema("Actions", ACTION_ID, field("VALUE", "'long'"))));
    }

    @Test
    void acceptsItemsWhoseOnlyMetadataIsTextual() {
      String json = schema("Items", ITEM_ID, field("DESCRIPTION", "'string'", "'textual':true"));

      assertEquals(2, SchemaParser.parse(json, null).fields().size());
    }

    static Stream<Arguments> metadataLimits() {
      return Stream.of(
          Arguments.of("Interactions", List.of(USER_ID, ITEM_ID, TIMESTAMP, EVENT_TYPE), 5),
          Arguments.of("Users", List.of(USER_ID), 25),
          Arguments.of("Items", List.of(ITEM_ID, field("CREATION_TIMESTAMP", "'long'")), 100),
          Arguments.of("Actions", List.of(ACTION_ID, field("VALUE", "'long'")), 10),
          Arguments.of(
              "ActionInteractions", List.of(USER_ID, ACTION_ID, TIMESTAMP, EVENT_TYPE), 5));
    }

    @ParameterizedTest
    @MethodSource("metadataLimits")
    void acceptsMetadataFieldsUpToTheLimit(String record, List<String> base, int limit) {
      String json = schema(record, concat(base, metadata(limit, "['null','int']")));

      assertEquals(base.size() + limit, SchemaParser.parse(json, null).fields().size());
    }

    @ParameterizedTest
    @MethodSource("metadataLimits")
    void rejectsMetadataFieldsBeyondTheLimit(String record, List<String> base, int limit) {
      String json = schema(record, concat(base, metadata(limit + 1, "['null','int']")));

      String which = limit + 1 <= 10 ? " (M1, M2, M3, M4, M5, M6)" : "";
      assertEquals(
          String.format(
              Locale.ROOT,
              "%s schemas must have at most %d metadata fields besides the required and reserved"
                  + " fields; got: %d%s",
              record,
              limit,
              limit + 1,
              which),
          error(json));
    }

    @Test
    void domainReservedAttributesCountAsMetadata() {
      List<String> fields =
          new ArrayList<>(
              List.of(
                  USER_ID, field("SUBSCRIPTION_MODEL", "['null','string']", "'categorical':true")));
      fields.addAll(metadata(25, "'int'"));

      assertEquals(
          "VIDEO_ON_DEMAND Users schemas must have at most 25 metadata fields besides the required"
              + " and reserved fields; got: 26",
          error(schema("Users", fields.toArray(String[]::new)), Domain.VIDEO_ON_DEMAND));
    }
  }

  @Nested
  class FitsDataset {
    private final ParsedSchema interactions =
        SchemaParser.parse(SchemaExamples.VOD_INTERACTIONS, Domain.VIDEO_ON_DEMAND);

    private String error(
        ParsedSchema schema, DatasetType type, Domain groupDomain, Domain schemaDomain) {
      return assertThrows(
              InvalidInputException.class,
              () -> SchemaParser.checkFitsDataset(schema, type, groupDomain, schemaDomain))
          .getMessage();
    }

    @Test
    void acceptsMatchingTypeAndDomain() {
      SchemaParser.checkFitsDataset(
          interactions, DatasetType.INTERACTIONS, Domain.VIDEO_ON_DEMAND, Domain.VIDEO_ON_DEMAND);
      SchemaParser.checkFitsDataset(
          SchemaParser.parse(SchemaExamples.ACTION_INTERACTIONS, null),
          DatasetType.ACTION_INTERACTIONS,
          null,
          null);
    }

    @Test
    void rejectsSchemaOfAnotherDatasetType() {
      ParsedSchema items = SchemaParser.parse(SchemaExamples.MOVIE_ITEMS, null);

      assertEquals(
          "Schema record name Items does not match dataset type Interactions; the schema's record"
              + " name must be Interactions",
          error(items, DatasetType.INTERACTIONS, null, null));
    }

    @Test
    void namesTheRecordNameForActionInteractions() {
      ParsedSchema users = SchemaParser.parse(SchemaExamples.USERS_WITH_GENDER, null);

      assertEquals(
          "Schema record name Users does not match dataset type Action_Interactions; the schema's"
              + " record name must be ActionInteractions",
          error(users, DatasetType.ACTION_INTERACTIONS, null, null));
    }

    @Test
    void rejectsActionsDatasetInDomainGroup() {
      ParsedSchema actions = SchemaParser.parse(SchemaExamples.ACTIONS, null);

      assertEquals(
          "Dataset type must be Interactions, Items or Users when the dataset group has domain"
              + " ECOMMERCE (Actions and Action_Interactions datasets exist only in Custom dataset groups);"
              + " got: Actions",
          error(actions, DatasetType.ACTIONS, Domain.ECOMMERCE, null));
    }

    @Test
    void rejectsCustomSchemaInDomainGroup() {
      ParsedSchema custom = SchemaParser.parse(SchemaExamples.VOD_INTERACTIONS, null);

      assertEquals(
          "Schema domain must be VIDEO_ON_DEMAND, the domain of the dataset group; got: none"
              + " (Custom)",
          error(custom, DatasetType.INTERACTIONS, Domain.VIDEO_ON_DEMAND, null));
    }

    @Test
    void rejectsDomainSchemaInCustomGroup() {
      assertEquals(
          "Schema domain must be none (Custom), the domain of the dataset group; got:"
              + " VIDEO_ON_DEMAND",
          error(interactions, DatasetType.INTERACTIONS, null, Domain.VIDEO_ON_DEMAND));
    }

    @Test
    void rejectsSchemaOfTheOtherDomain() {
      assertEquals(
          "Schema domain must be ECOMMERCE, the domain of the dataset group; got: VIDEO_ON_DEMAND",
          error(interactions, DatasetType.INTERACTIONS, Domain.ECOMMERCE, Domain.VIDEO_ON_DEMAND));
    }

    @Test
    void rejectsUnknownDatasetType() {
      assertEquals(
          "Dataset type must be one of Interactions, Items, Users, Actions, Action_Interactions;"
              + " got: null",
          error(interactions, null, null, null));
    }
  }
}
