package org.openpersonalize.engine.internal.schema;

import static org.openpersonalize.engine.internal.schema.AvroText.describe;
import static org.openpersonalize.engine.internal.schema.AvroText.invalid;
import static org.openpersonalize.engine.internal.schema.AvroText.parseAvro;
import static org.openpersonalize.engine.internal.schema.FieldCheck.checkField;
import static org.openpersonalize.engine.internal.schema.SchemaProfiles.Profile;
import static org.openpersonalize.engine.internal.schema.SchemaProfiles.Rule;
import static org.openpersonalize.engine.internal.schema.SchemaProfiles.profilesFor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Collectors;
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
}
