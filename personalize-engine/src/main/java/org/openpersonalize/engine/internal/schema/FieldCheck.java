package org.openpersonalize.engine.internal.schema;

import static org.openpersonalize.engine.internal.schema.AvroText.describe;
import static org.openpersonalize.engine.internal.schema.AvroText.invalid;
import static org.openpersonalize.engine.internal.schema.AvroText.jsonText;
import static org.openpersonalize.engine.internal.schema.AvroText.primitive;
import static org.openpersonalize.engine.internal.schema.AvroText.whyNotPrimitive;
import static org.openpersonalize.engine.internal.schema.SchemaProfiles.Attr;
import static org.openpersonalize.engine.internal.schema.SchemaProfiles.Profile;
import static org.openpersonalize.engine.internal.schema.SchemaProfiles.Rule;

import java.util.List;
import org.apache.avro.Schema;

/**
 * The per-field rules of {@code CreateSchema}: a primitive (optionally nullable) type without a
 * logicalType, well-formed {@code categorical} / {@code textual} / {@code itemName} attributes, and
 * for required and reserved fields exactly the type and attribute their rule gives.
 */
final class FieldCheck {
  private FieldCheck() {}

  static SchemaField checkField(Schema.Field f, Profile profile) {
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
}
