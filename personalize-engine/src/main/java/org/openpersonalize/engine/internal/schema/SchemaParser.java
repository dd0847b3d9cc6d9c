package org.openpersonalize.engine.internal.schema;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.avro.JsonProperties;
import org.apache.avro.Schema;
import org.openpersonalize.api.model.Domain;
import org.openpersonalize.api.model.InvalidInputException;

/**
 * Parses a {@code CreateSchema} Avro JSON string and enforces every rule of spec §1.4, for Custom
 * dataset groups and for both domains.
 *
 * <p>Avro does the JSON and Avro-level parsing; whatever it throws becomes an {@link
 * InvalidInputException}, so arbitrary input yields either a {@link ParsedSchema} or that
 * exception. The Personalize rules then run in a fixed order and the first violation is reported:
 * record shape and name; field names unique once normalised; each field in schema order (type,
 * attributes, required and reserved-field rules); presence of required fields; the limits on
 * textual, {@code itemName} and metadata fields.
 *
 * <p>Each dataset type (per domain) has a table of required and reserved fields with fixed types.
 * Where the spec writes a type as {@code float/null} the field may be {@code "float"} or {@code
 * ["null","float"]}; where it writes only {@code float}, the field must not be nullable. Types are
 * never widened ({@code EVENT_VALUE} must be {@code float}, not {@code double}): an emulator that
 * accepts a schema Amazon rejects lets ported code fail only once it reaches AWS.
 *
 * <p>Decisions where the spec is silent or inconsistent:
 *
 * <ul>
 *   <li>A one-branch union such as {@code ["string"]} is accepted as the non-null type, because
 *       Amazon's own default ECOMMERCE and VIDEO_ON_DEMAND Items schemas use it.
 *   <li>The required VIDEO_ON_DEMAND genre field may be named {@code GENRES} (the field lists) or
 *       {@code GENRES_L1} (the published default schema); see spec §12 item 9.
 *   <li>ECOMMERCE {@code CREATION_TIMESTAMP} is {@code long} like everywhere else, not {@code
 *       float} as one page says: a float cannot hold epoch seconds exactly.
 *   <li>Both {@code EXPIRATION_TIMESTAMP} and {@code ACTION_EXPIRATION_TIMESTAMP} are reserved in
 *       Actions schemas (spec §12 item 8).
 *   <li>Reserved attribute fields of the domains (e.g. {@code SUBSCRIPTION_MODEL}, {@code
 *       GENRE_L2}, {@code PRICE}) may be nullable, like any metadata field, and count as metadata
 *       fields; Custom reserved fields ({@code CREATION_TIMESTAMP}, {@code EVENT_VALUE}, ...) do
 *       not, following Amazon's definition of metadata as fields that are neither required nor
 *       reserved.
 *   <li>The "at least one metadata field" rule needs a field Personalize can train on: a
 *       categorical string, a textual string (Items) or a numeric field, as the spec's table says.
 *   <li>{@code logicalType} annotations are rejected: Personalize documents plain primitives only,
 *       and {@code timestamp-millis} on {@code TIMESTAMP} would contradict its epoch seconds.
 *   <li>A field may not be both categorical and textual, at most one field may be {@code itemName},
 *       and required or reserved fields may carry only the attribute their rule gives.
 *   <li>A field name must contain a letter or digit, since uniqueness is judged on those alone.
 *   <li>The Interactions rule "distinct event types + optional columns ≤ 10" depends on the data
 *       and is left to the import.
 * </ul>
 */
public final class SchemaParser {
  /** The longest schema string {@code CreateSchema} accepts, in UTF-16 chars (spec §10). */
  public static final int MAX_SCHEMA_LENGTH = 20_000;

  private static final int MAX_QUOTED_AVRO_MESSAGE = 300;
  private static final Pattern JACKSON_NOISE =
      Pattern.compile(
          "Source: REDACTED \\(`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled\\); ");
  private static final Pattern CLASS_PREFIX =
      Pattern.compile("^(?:[a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*: ");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** How a required or reserved field must be flagged. */
  private enum Attr {
    /** Neither categorical nor textual. */
    PLAIN,
    CATEGORICAL,
    TEXTUAL
  }

  /**
   * The fixed type of a required or reserved field.
   *
   * @param metadata whether the field counts towards the metadata-field rules
   */
  private record Rule(String name, FieldType type, boolean nullable, Attr attr, boolean metadata) {
    String typeText() {
      String t = '"' + type.name().toLowerCase(Locale.ROOT) + '"';
      return nullable ? t + " or [\"null\"," + t + "]" : t;
    }

    String describe() {
      String t = "type " + typeText();
      return switch (attr) {
        case PLAIN -> t;
        case CATEGORICAL -> "categorical, " + t;
        case TEXTUAL -> "textual, " + t;
      };
    }
  }

  /**
   * The rules for one dataset type in one kind of dataset group.
   *
   * @param domain null for Custom
   * @param required groups of alternative names; each group needs one field present
   * @param rules every required and reserved field by exact name
   */
  private record Profile(
      DatasetType type,
      Domain domain,
      List<List<String>> required,
      Map<String, Rule> rules,
      int maxMetadata) {
    String label() {
      return domain == null ? type.recordName() : domain.name() + " " + type.recordName();
    }

    boolean isRequired(String name) {
      return required.stream().anyMatch(g -> g.contains(name));
    }
  }

  private static final Map<DatasetType, Profile> CUSTOM = new EnumMap<>(DatasetType.class);
  private static final Map<DatasetType, Profile> VIDEO_ON_DEMAND = new EnumMap<>(DatasetType.class);
  private static final Map<DatasetType, Profile> ECOMMERCE = new EnumMap<>(DatasetType.class);

  static {
    Rule userId = plain("USER_ID", FieldType.STRING, false);
    Rule itemId = plain("ITEM_ID", FieldType.STRING, false);
    Rule actionId = plain("ACTION_ID", FieldType.STRING, false);
    Rule timestamp = plain("TIMESTAMP", FieldType.LONG, false);
    Rule eventType = plain("EVENT_TYPE", FieldType.STRING, false);
    Rule eventValue = plain("EVENT_VALUE", FieldType.FLOAT, true);
    Rule impression = plain("IMPRESSION", FieldType.STRING, true);
    Rule recommendationId = plain("RECOMMENDATION_ID", FieldType.STRING, true);
    Rule attributionSource = plain("EVENT_ATTRIBUTION_SOURCE", FieldType.STRING, true);
    Rule creationTimestamp = plain("CREATION_TIMESTAMP", FieldType.LONG, false);
    Rule productDescription =
        new Rule("PRODUCT_DESCRIPTION", FieldType.STRING, true, Attr.TEXTUAL, true);

    CUSTOM.put(
        DatasetType.INTERACTIONS,
        new ProfileBuilder(DatasetType.INTERACTIONS, null, 5)
            .require(userId)
            .require(itemId)
            .require(timestamp)
            .reserve(eventType)
            .reserve(eventValue)
            .reserve(impression)
            .reserve(recommendationId)
            .reserve(attributionSource)
            .build());
    CUSTOM.put(
        DatasetType.USERS, new ProfileBuilder(DatasetType.USERS, null, 25).require(userId).build());
    CUSTOM.put(
        DatasetType.ITEMS,
        new ProfileBuilder(DatasetType.ITEMS, null, 100)
            .require(itemId)
            .reserve(creationTimestamp)
            .build());
    CUSTOM.put(
        DatasetType.ACTIONS,
        new ProfileBuilder(DatasetType.ACTIONS, null, 10)
            .require(actionId)
            .reserve(creationTimestamp)
            .reserve(plain("VALUE", FieldType.LONG, true))
            .reserve(plain("TYPE", FieldType.STRING, true))
            .reserve(plain("EXPIRATION_TIMESTAMP", FieldType.LONG, true))
            .reserve(plain("ACTION_EXPIRATION_TIMESTAMP", FieldType.LONG, true))
            .reserve(plain("REPEAT_FREQUENCY", FieldType.LONG, true))
            .build());
    CUSTOM.put(
        DatasetType.ACTION_INTERACTIONS,
        new ProfileBuilder(DatasetType.ACTION_INTERACTIONS, null, 5)
            .require(userId)
            .require(actionId)
            .require(eventType)
            .require(timestamp)
            .reserve(impression)
            .reserve(recommendationId)
            .build());

    for (Domain d : List.of(Domain.VIDEO_ON_DEMAND, Domain.ECOMMERCE)) {
      Map<DatasetType, Profile> m = d == Domain.VIDEO_ON_DEMAND ? VIDEO_ON_DEMAND : ECOMMERCE;
      m.put(
          DatasetType.INTERACTIONS,
          new ProfileBuilder(DatasetType.INTERACTIONS, d, 5)
              .require(userId)
              .require(itemId)
              .require(timestamp)
              .require(eventType)
              .reserve(eventValue)
              .reserve(impression)
              .reserve(recommendationId)
              .reserve(attributionSource)
              .build());
    }
    VIDEO_ON_DEMAND.put(
        DatasetType.USERS,
        new ProfileBuilder(DatasetType.USERS, Domain.VIDEO_ON_DEMAND, 25)
            .require(userId)
            .reserve(categorical("SUBSCRIPTION_MODEL", true))
            .build());
    VIDEO_ON_DEMAND.put(
        DatasetType.ITEMS,
        new ProfileBuilder(DatasetType.ITEMS, Domain.VIDEO_ON_DEMAND, 100)
            .require(itemId)
            .require(categorical("GENRES", false), categorical("GENRES_L1", false))
            .require(creationTimestamp)
            .reserve(attribute("PRICE", FieldType.FLOAT, true))
            .reserve(attribute("DURATION", FieldType.FLOAT, true))
            .reserve(categorical("GENRE_L2", true))
            .reserve(categorical("GENRE_L3", true))
            .reserve(attribute("AVERAGE_RATING", FieldType.FLOAT, true))
            .reserve(productDescription)
            .reserve(categorical("CONTENT_OWNER", true))
            .reserve(categorical("CONTENT_CLASSIFICATION", true))
            .build());
    ECOMMERCE.put(
        DatasetType.USERS,
        new ProfileBuilder(DatasetType.USERS, Domain.ECOMMERCE, 25).require(userId).build());
    ECOMMERCE.put(
        DatasetType.ITEMS,
        new ProfileBuilder(DatasetType.ITEMS, Domain.ECOMMERCE, 100)
            .require(itemId)
            .require(attribute("PRICE", FieldType.FLOAT, false))
            .require(categorical("CATEGORY_L1", false))
            .reserve(categorical("CATEGORY_L2", true))
            .reserve(categorical("CATEGORY_L3", true))
            .reserve(productDescription)
            .reserve(creationTimestamp)
            .reserve(categorical("AGE_GROUP", true))
            .reserve(categorical("ADULT", true))
            .reserve(categorical("GENDER", true))
            .build());
  }

  private static final JsonFactory STRICT_JSON =
      JsonFactory.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
          .build();

  private SchemaParser() {}

  /**
   * Parses and validates a schema as {@code CreateSchema} does.
   *
   * @param json the Avro schema JSON, at most {@value #MAX_SCHEMA_LENGTH} characters
   * @param domain the schema's domain; null for a Custom dataset group
   * @return the validated schema
   * @throws InvalidInputException naming the field and the rule, for any input that is not a valid
   *     Personalize schema, including input that is not JSON at all
   */
  public static ParsedSchema parse(String json, Domain domain) {
    if (json == null) {
      throw invalid("Schema must be a non-blank Avro JSON string; got: null");
    }
    if (json.isBlank()) {
      throw invalid(
          "Schema must be a non-blank Avro JSON string; got: %d whitespace characters",
          json.length());
    }
    if (json.length() > MAX_SCHEMA_LENGTH) {
      throw invalid(
          "Schema must be at most %d characters long; got: %d characters",
          MAX_SCHEMA_LENGTH, json.length());
    }
    Map<DatasetType, Profile> profiles = profilesFor(domain);
    Schema avro = parseAvro(json);
    // Avro's isError() throws on anything but a record, so the type is checked first.
    if (avro.getType() != Schema.Type.RECORD || avro.isError()) {
      throw invalid(
          "Schema must be an Avro record ({\"type\": \"record\", ...}); got: \"type\": %s",
          avro.getType() == Schema.Type.RECORD ? "\"error\"" : describe(avro));
    }
    DatasetType type = DatasetType.fromRecordName(avro.getName());
    if (type == null) {
      throw invalid(
          "Schema record name must be one of Interactions, Items, Users, Actions,"
              + " ActionInteractions; got: %s",
          avro.getName());
    }
    Profile profile = profiles.get(type);
    if (profile == null) {
      throw invalid(
          "Schema record name must be Interactions, Items or Users in the %s domain (Actions and"
              + " ActionInteractions exist only in Custom dataset groups); got: %s",
          domain.name(), avro.getName());
    }
    checkNames(avro.getFields());
    List<SchemaField> fields = new ArrayList<>(avro.getFields().size());
    for (Schema.Field f : avro.getFields()) {
      fields.add(checkField(f, profile));
    }
    checkRequired(profile, fields);
    checkLimits(profile, fields);
    return new ParsedSchema(type, fields);
  }

  /**
   * Checks that a schema may back a dataset, as {@code CreateDataset} does: the dataset type must
   * exist in the dataset group's kind (no Actions or Action_Interactions in a Domain group), the
   * schema's record name must be the dataset type's, and the schema's domain must be the group's.
   *
   * @param schema a schema from {@link #parse}
   * @param datasetType the requested dataset type; null (an unknown type string) is rejected
   * @param groupDomain the dataset group's domain, null for Custom
   * @param schemaDomain the domain the schema was created with, null for Custom
   * @throws InvalidInputException naming the mismatch
   * @throws NullPointerException if {@code schema} is null, which is a bug in the caller
   */
  public static void checkFitsDataset(
      ParsedSchema schema, DatasetType datasetType, Domain groupDomain, Domain schemaDomain) {
    Objects.requireNonNull(schema, "schema");
    if (datasetType == null) {
      throw invalid(
          "Dataset type must be one of Interactions, Items, Users, Actions, Action_Interactions;"
              + " got: null");
    }
    if (groupDomain != null
        && (datasetType == DatasetType.ACTIONS || datasetType == DatasetType.ACTION_INTERACTIONS)) {
      throw invalid(
          "Dataset type must be Interactions, Items or Users when the dataset group has domain %s"
              + " (Actions and Action_Interactions datasets exist only in Custom dataset groups);"
              + " got: %s",
          groupDomain.name(), datasetType.apiName());
    }
    if (schema.datasetType() != datasetType) {
      throw invalid(
          "Schema record name %s does not match dataset type %s; the schema's record name must be"
              + " %s",
          schema.datasetType().recordName(), datasetType.apiName(), datasetType.recordName());
    }
    if (groupDomain != schemaDomain) {
      throw invalid(
          "Schema domain must be %s, the domain of the dataset group; got: %s",
          domainText(groupDomain), domainText(schemaDomain));
    }
  }

  private static String domainText(Domain d) {
    return d == null ? "none (Custom)" : d.name();
  }

  private static Map<DatasetType, Profile> profilesFor(Domain domain) {
    if (domain == null) {
      return CUSTOM;
    }
    return switch (domain) {
      case VIDEO_ON_DEMAND -> VIDEO_ON_DEMAND;
      case ECOMMERCE -> ECOMMERCE;
      case UNKNOWN_TO_SDK_VERSION ->
          throw invalid(
              "Schema domain must be ECOMMERCE or VIDEO_ON_DEMAND, or absent for a Custom dataset"
                  + " group; got: a domain this version does not know");
    };
  }

  private static Schema parseAvro(String json) {
    try {
      rejectDuplicateKeys(json);
      return new Schema.Parser().parse(json);
    } catch (IOException | RuntimeException e) {
      // Avro signals bad input with SchemaParseException and AvroRuntimeException, but also with
      // IllegalArgumentException (e.g. a bad "order") and others; all of them are the caller's
      // input, never our bug, so they all become InvalidInputException.
      throw new InvalidInputException(
          "Schema must be valid Avro schema JSON; got: " + avroMessage(e), e);
    }
  }

  /**
   * Avro's JSON reading lets a repeated key silently win ({@code "name": "Items", "name":
   * "Interactions"} is an Interactions schema), so the document is read once with duplicate
   * detection first; otherwise with Avro's own settings (comments allowed), so nothing else Avro
   * accepts is refused here.
   */
  private static void rejectDuplicateKeys(String json) throws IOException {
    // Only the first JSON value: what follows it is Avro's to report ("dangling content").
    try (JsonParser p = STRICT_JSON.createParser(json)) {
      int depth = 0;
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        if (t.isStructStart()) {
          depth++;
        } else if (t.isStructEnd()) {
          depth--;
        }
        if (depth == 0) {
          return;
        }
      }
    }
  }

  private static String avroMessage(Throwable e) {
    String m = e.getMessage();
    if (m == null || m.isBlank()) {
      return e.getClass().getSimpleName();
    }
    m = m.replaceAll("\\s+", " ").trim();
    m = JACKSON_NOISE.matcher(m).replaceAll("");
    // Jackson failures arrive wrapped, prefixed with their class name; the text after it is the
    // useful part.
    m = CLASS_PREFIX.matcher(m).replaceFirst("");
    if (m.length() > MAX_QUOTED_AVRO_MESSAGE) {
      int cut = MAX_QUOTED_AVRO_MESSAGE;
      if (Character.isHighSurrogate(m.charAt(cut - 1))) {
        cut--;
      }
      m = m.substring(0, cut) + "...";
    }
    return m;
  }

  private static void checkNames(List<Schema.Field> fields) {
    Map<String, String> byNormalized = new HashMap<>();
    for (Schema.Field f : fields) {
      String normalized = FieldNames.normalize(f.name());
      if (normalized.isEmpty()) {
        throw invalid("Field names must contain a letter or digit; got: %s", f.name());
      }
      if (FieldNames.isEngineColumn(f.name())) {
        throw invalid(
            "Field names must not be one the engine reserves for its own columns (%s, case"
                + " ignored); got: %s",
            String.join(", ", new TreeSet<>(FieldNames.ENGINE_COLUMNS)), f.name());
      }
      String earlier = byNormalized.putIfAbsent(normalized, f.name());
      if (earlier != null) {
        throw invalid(
            "Field names must be unique once non-alphanumerics and case are ignored; got: %s and"
                + " %s",
            earlier, f.name());
      }
    }
  }

  private static SchemaField checkField(Schema.Field f, Profile profile) {
    String name = f.name();
    Schema declared = f.schema();
    Schema base = declared;
    boolean nullable = false;
    if (declared.getType() == Schema.Type.UNION) {
      List<Schema> branches = declared.getTypes();
      List<Schema> nonNull =
          branches.stream().filter(s -> s.getType() != Schema.Type.NULL).toList();
      if (nonNull.size() != 1) {
        throw invalid(
            "Field %s must have a primitive type (float, double, int, long, string or boolean),"
                + " optionally in a union with \"null\"; got: \"type\": %s (%s)",
            name,
            describe(declared),
            nonNull.isEmpty()
                ? "a union must contain one non-null type"
                : "a union may combine only one type with \"null\"");
      }
      base = nonNull.get(0);
      nullable = branches.size() > 1;
    }
    FieldType type = primitive(base);
    if (type == null) {
      throw invalid(
          "Field %s must have a primitive type (float, double, int, long, string or boolean),"
              + " optionally in a union with \"null\"; got: \"type\": %s (%s)",
          name, describe(declared), whyNotPrimitive(base));
    }
    if (base.getObjectProp("logicalType") != null) {
      throw invalid(
          "Field %s must have a plain primitive type without a logicalType (Personalize reads"
              + " plain values, e.g. epoch seconds); got: \"type\": %s",
          name, describe(declared));
    }
    boolean categorical = flag(f, "categorical");
    boolean textual = flag(f, "textual");
    boolean itemName = flag(f, "itemName");
    Rule rule = profile.rules().get(name);
    if (rule != null && (rule.type() != type || (nullable && !rule.nullable()))) {
      throw invalid(
          "Field %s must have type %s (%s field of %s schemas); got: \"type\": %s",
          name,
          rule.typeText(),
          profile.isRequired(name) ? "a required" : "a reserved",
          profile.label(),
          describe(declared));
    }
    if (categorical && type != FieldType.STRING) {
      throw invalid(
          "Field %s must have type string to be categorical; got: \"type\": %s",
          name, describe(declared));
    }
    boolean items = profile.type() == DatasetType.ITEMS;
    if (textual && !items) {
      throw invalid(
          "Field %s must not be textual in %s schemas (only Items schemas have textual fields);"
              + " got: \"textual\": true",
          name, profile.label());
    }
    if (textual && type != FieldType.STRING) {
      throw invalid(
          "Field %s must have type string to be textual; got: \"type\": %s",
          name, describe(declared));
    }
    if (categorical && textual) {
      throw invalid(
          "Field %s must not be both categorical and textual; got: \"categorical\": true,"
              + " \"textual\": true",
          name);
    }
    if (itemName && !items) {
      throw invalid(
          "Field %s must not be itemName in %s schemas (only Items schemas name items); got:"
              + " \"itemName\": true",
          name, profile.label());
    }
    if (itemName && type != FieldType.STRING) {
      throw invalid(
          "Field %s must have type string to be itemName; got: \"type\": %s",
          name, describe(declared));
    }
    if (rule != null) {
      checkRuleAttributes(f, rule, categorical, textual, itemName);
    }
    return new SchemaField(name, type, nullable, categorical, textual, itemName);
  }

  private static void checkRuleAttributes(
      Schema.Field f, Rule rule, boolean categorical, boolean textual, boolean itemName) {
    String name = f.name();
    if (rule.attr() == Attr.CATEGORICAL && !categorical) {
      throw invalid("Field %s must be categorical; got: %s", name, flagText(f, "categorical"));
    }
    if (rule.attr() != Attr.CATEGORICAL && categorical) {
      throw invalid("Field %s must not be categorical; got: \"categorical\": true", name);
    }
    if (rule.attr() == Attr.TEXTUAL && !textual) {
      throw invalid("Field %s must be textual; got: %s", name, flagText(f, "textual"));
    }
    if (rule.attr() != Attr.TEXTUAL && textual) {
      throw invalid("Field %s must not be textual; got: \"textual\": true", name);
    }
    if (itemName) {
      throw invalid(
          "Field %s must not be itemName (it is a required or reserved field); got:"
              + " \"itemName\": true",
          name);
    }
  }

  private static void checkRequired(Profile profile, List<SchemaField> fields) {
    for (List<String> group : profile.required()) {
      if (group.stream().anyMatch(n -> indexOf(fields, n) >= 0)) {
        continue;
      }
      String name = group.get(0);
      Rule rule = profile.rules().get(name);
      String alternatives =
          group.size() == 1
              ? ""
              : "; " + String.join(", ", group.subList(1, group.size())) + " is accepted instead";
      String got = "no such field";
      for (SchemaField f : fields) {
        if (group.stream().anyMatch(n -> FieldNames.normalize(n).equals(normalize(f)))) {
          got += "; field " + f.name() + " differs only in case or punctuation";
          break;
        }
      }
      throw invalid(
          "Field %s must be present in %s schemas (required, %s%s); got: %s",
          name, profile.label(), rule.describe(), alternatives, got);
    }
  }

  private static void checkLimits(Profile profile, List<SchemaField> fields) {
    String label = profile.label();
    List<String> textual = names(fields.stream().filter(SchemaField::textual).toList());
    if (textual.size() > 1) {
      throw invalid(
          "%s schemas must have at most 1 textual field; got: %d (%s)",
          label, textual.size(), String.join(", ", textual));
    }
    List<String> itemNames = names(fields.stream().filter(SchemaField::itemName).toList());
    if (itemNames.size() > 1) {
      throw invalid(
          "%s schemas must have at most 1 itemName field; got: %d (%s)",
          label, itemNames.size(), String.join(", ", itemNames));
    }
    List<SchemaField> metadata = new ArrayList<>();
    for (SchemaField f : fields) {
      Rule rule = profile.rules().get(f.name());
      if (rule == null || rule.metadata()) {
        metadata.add(f);
      }
    }
    DatasetType type = profile.type();
    boolean entity =
        type == DatasetType.USERS || type == DatasetType.ITEMS || type == DatasetType.ACTIONS;
    if (entity && metadata.stream().noneMatch(SchemaParser::trainable)) {
      String kinds =
          type == DatasetType.ITEMS
              ? "a categorical or textual string, or a numeric field"
              : "a categorical string or a numeric field";
      String got =
          metadata.isEmpty()
              ? "none"
              : metadata.stream()
                  .map(f -> f.name() + " (" + untrainableKind(f) + ")")
                  .collect(Collectors.joining(", "));
      throw invalid(
          "%s schemas must have at least 1 metadata field Personalize can train on (%s) besides"
              + " the required and reserved fields; got: %s",
          label, kinds, got);
    }
    if (metadata.size() > profile.maxMetadata()) {
      String which = metadata.size() <= 10 ? " (" + String.join(", ", names(metadata)) + ")" : "";
      throw invalid(
          "%s schemas must have at most %d metadata fields besides the required and reserved"
              + " fields; got: %d%s",
          label, profile.maxMetadata(), metadata.size(), which);
    }
  }

  private static boolean trainable(SchemaField f) {
    return f.categorical() || f.textual() || f.type().isNumeric();
  }

  private static String untrainableKind(SchemaField f) {
    return f.type() == FieldType.BOOLEAN ? "boolean" : "plain string";
  }

  private static boolean flag(Schema.Field f, String attribute) {
    Object v = f.getObjectProp(attribute);
    if (v == null) {
      return false;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    throw invalid(
        "Field %s attribute \"%s\" must be true or false; got: \"%s\": %s",
        f.name(), attribute, attribute, jsonText(v));
  }

  private static String flagText(Schema.Field f, String attribute) {
    Object v = f.getObjectProp(attribute);
    return v == null
        ? "no \"" + attribute + "\" attribute"
        : "\"" + attribute + "\": " + jsonText(v);
  }

  private static String jsonText(Object v) {
    if (v == JsonProperties.NULL_VALUE) {
      return "null";
    }
    try {
      return JSON.writeValueAsString(v);
    } catch (Exception e) {
      // Avro's property values nest its own Null marker, which Jackson cannot write; the Java
      // rendering is still enough to show what was there.
      return String.valueOf(v);
    }
  }

  private static FieldType primitive(Schema s) {
    return switch (s.getType()) {
      case STRING -> FieldType.STRING;
      case INT -> FieldType.INT;
      case LONG -> FieldType.LONG;
      case FLOAT -> FieldType.FLOAT;
      case DOUBLE -> FieldType.DOUBLE;
      case BOOLEAN -> FieldType.BOOLEAN;
      default -> null;
    };
  }

  private static String whyNotPrimitive(Schema s) {
    return switch (s.getType()) {
      case RECORD -> "schemas are flat: nested records are not allowed";
      case ARRAY, MAP ->
          "schemas are flat: arrays and maps are not allowed; join multiple values with | in a"
              + " string field";
      case ENUM -> "enums are not allowed; use a categorical string";
      case FIXED, BYTES -> "binary types are not allowed";
      case NULL -> "a field cannot be only null";
      default -> "unsupported type";
    };
  }

  /** A short JSON-like rendering of a type, without the bodies of complex types. */
  private static String describe(Schema s) {
    return switch (s.getType()) {
      case UNION ->
          s.getTypes().stream()
              .map(SchemaParser::describe)
              .collect(Collectors.joining(",", "[", "]"));
      case RECORD, ENUM, FIXED ->
          String.format(
              Locale.ROOT,
              "{\"type\":\"%s\",\"name\":\"%s\",...}",
              s.getType() == Schema.Type.RECORD && s.isError() ? "error" : s.getType().getName(),
              s.getName());
      case ARRAY, MAP -> "{\"type\":\"" + s.getType().getName() + "\",...}";
      default -> {
        Object logical = s.getObjectProp("logicalType");
        yield logical == null
            ? '"' + s.getType().getName() + '"'
            : "{\"type\":\""
                + s.getType().getName()
                + "\",\"logicalType\":"
                + jsonText(logical)
                + "}";
      }
    };
  }

  private static int indexOf(List<SchemaField> fields, String name) {
    for (int i = 0; i < fields.size(); i++) {
      if (fields.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  private static String normalize(SchemaField f) {
    return FieldNames.normalize(f.name());
  }

  private static List<String> names(List<SchemaField> fields) {
    return fields.stream().map(SchemaField::name).toList();
  }

  private static Rule plain(String name, FieldType type, boolean nullable) {
    return new Rule(name, type, nullable, Attr.PLAIN, false);
  }

  private static Rule attribute(String name, FieldType type, boolean nullable) {
    return new Rule(name, type, nullable, Attr.PLAIN, true);
  }

  private static Rule categorical(String name, boolean nullable) {
    return new Rule(name, FieldType.STRING, nullable, Attr.CATEGORICAL, true);
  }

  private static InvalidInputException invalid(String format, Object... args) {
    return new InvalidInputException(String.format(Locale.ROOT, format, args));
  }

  /** Collects one profile's rules; {@link #require} with several rules means "any one of them". */
  private static final class ProfileBuilder {
    private final DatasetType type;
    private final Domain domain;
    private final int maxMetadata;
    private final List<List<String>> required = new ArrayList<>();
    private final Map<String, Rule> rules = new LinkedHashMap<>();

    ProfileBuilder(DatasetType type, Domain domain, int maxMetadata) {
      this.type = type;
      this.domain = domain;
      this.maxMetadata = maxMetadata;
    }

    ProfileBuilder require(Rule... alternatives) {
      List<String> group = new ArrayList<>();
      for (Rule r : alternatives) {
        rules.put(r.name(), r);
        group.add(r.name());
      }
      required.add(List.copyOf(group));
      return this;
    }

    ProfileBuilder reserve(Rule r) {
      rules.put(r.name(), r);
      return this;
    }

    Profile build() {
      return new Profile(type, domain, List.copyOf(required), Map.copyOf(rules), maxMetadata);
    }
  }
}
