package org.openpersonalize.engine.internal.filter;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.openpersonalize.api.model.InvalidInputException;
import org.openpersonalize.engine.internal.filter.FilterAst.Cond;
import org.openpersonalize.engine.internal.filter.FilterAst.CurrentItem;
import org.openpersonalize.engine.internal.filter.FilterAst.Expr;
import org.openpersonalize.engine.internal.filter.FilterAst.Op;
import org.openpersonalize.engine.internal.filter.FilterAst.Param;
import org.openpersonalize.engine.internal.filter.FilterAst.Star;
import org.openpersonalize.engine.internal.filter.FilterAst.Values;
import org.openpersonalize.engine.internal.schema.DatasetType;
import org.openpersonalize.engine.internal.schema.FieldType;
import org.openpersonalize.engine.internal.schema.ParsedSchema;
import org.openpersonalize.engine.internal.schema.SchemaField;

/**
 * The rules of spec §5.2 that need the dataset group's schemas: ItemID targets (recommendations) or
 * UserID targets (batch segment jobs), not both in one filter, and no ActionID targets (the engine
 * has no GetActionRecommendations), which datasets a target may use, one dataset per expression,
 * only {@code EVENT_TYPE} of interactions, no textual or boolean fields, ordering comparisons on
 * numbers only, and at most {@value #MAX_FIELDS} distinct fields.
 */
public final class FilterRules {
  /** Spec §5.2: distinct dataset fields per filter, across its chained expressions. */
  public static final int MAX_FIELDS = 10;

  private FilterRules() {}

  /**
   * Checks a parsed filter against the schemas of the dataset group's datasets.
   *
   * @param filter the parsed filter
   * @param schemas the schema of each dataset the group has
   * @return the distinct fields used, as {@code Dataset.FIELD} (CurrentItem and CurrentUser fields
   *     count as the Items and Users fields they read)
   * @throws InvalidInputException for the first rule broken, with its position
   */
  public static Set<String> check(FilterAst.Filter filter, Map<DatasetType, ParsedSchema> schemas) {
    Set<String> fields = new LinkedHashSet<>();
    String target = filter.expressions().get(0).target();
    for (Expr e : filter.expressions()) {
      if (e.target().equals("ActionID")) {
        // Spec §5.1: ActionID filters apply to GetActionRecommendations, which the engine does not
        // have; a filter nothing can apply would be accepted here only to be refused at every use.
        throw FilterParser.invalid(
            e.position(),
            "ActionID filters are refused until the engine has GetActionRecommendations, the"
                + " operation that applies them; only ItemID and UserID filters can be created;"
                + " got: ActionID");
      }
      if (!e.target().equals(target)) {
        // ItemID expressions filter recommendations and UserID expressions segments: a filter
        // mixing them could be applied by neither.
        throw FilterParser.invalid(
            e.position(),
            "all expressions of a filter must have the target of the first one ("
                + target
                + "); got: "
                + e.target());
      }
      String first = e.anyOf().get(0).get(0).dataset();
      for (var group : e.anyOf()) {
        for (Cond c : group) {
          allowedForTarget(e.target(), c);
          if (!c.dataset().equals(first)) {
            throw FilterParser.invalid(
                c.position(),
                "all conditions of an expression must use the dataset of the first one ("
                    + first
                    + "); found "
                    + c.dataset()
                    + " (combine datasets with \"|\")");
          }
          fields.add(checkField(c, c.dataset(), schemas));
          if (c.operand() instanceof CurrentItem ci) {
            if (!c.dataset().equals("Items") || !e.target().equals("ItemID")) {
              throw FilterParser.invalid(
                  c.position(), "CurrentItem may only be compared with an Items field");
            }
            Cond as = new Cond("Items", ci.field(), c.op(), c.operand(), c.position());
            fields.add(checkField(as, "Items", schemas));
          }
        }
      }
      for (Cond c : e.ifAll()) {
        fields.add(checkField(c, "Users", schemas));
      }
    }
    if (fields.size() > MAX_FIELDS) {
      throw new InvalidInputException(
          "Could not create filter. The expression must use at most "
              + MAX_FIELDS
              + " distinct fields; got: "
              + fields.size()
              + " "
              + fields);
    }
    return fields;
  }

  private static void allowedForTarget(String target, Cond c) {
    String ds = c.dataset();
    boolean ok =
        switch (target) {
          case "ItemID" -> ds.equals("Items") || ds.equals("Interactions");
          case "UserID" -> ds.equals("Users") || ds.equals("Interactions");
          default -> ds.equals("Actions") || ds.equals("Action_Interactions");
        };
    if (!ok) {
      throw FilterParser.invalid(
          c.position(), "a " + target + " expression cannot use the " + ds + " dataset");
    }
  }

  private static String checkField(Cond c, String dataset, Map<DatasetType, ParsedSchema> schemas) {
    DatasetType type = DatasetType.fromApiName(dataset);
    boolean interactions =
        type == DatasetType.INTERACTIONS || type == DatasetType.ACTION_INTERACTIONS;
    String where = dataset + "." + c.field();
    if (interactions && !c.field().equals("EVENT_TYPE")) {
      throw FilterParser.invalid(
          c.position(), "only EVENT_TYPE of " + dataset + " can be filtered on; found " + where);
    }
    if (c.operand() instanceof Star && !interactions) {
      throw FilterParser.invalid(
          c.position(),
          "\"*\" is only allowed with the EVENT_TYPE of interactions; found " + where);
    }
    if (interactions && c.op() != Op.IN && c.op() != Op.NOT_IN) {
      throw FilterParser.invalid(
          c.position(), "EVENT_TYPE must be compared with IN or NOT IN; found " + c.op().text);
    }
    ParsedSchema schema = schemas.get(type);
    if (schema == null) {
      throw FilterParser.invalid(
          c.position(),
          where + " names the " + dataset + " dataset, which this dataset group does not have");
    }
    SchemaField f = schema.field(c.field());
    if (f == null) {
      throw FilterParser.invalid(
          c.position(), where + " is not a field of the " + dataset + " dataset's schema");
    }
    if (f.textual()) {
      throw FilterParser.invalid(
          c.position(), where + " is a textual field; textual fields cannot be filtered on");
    }
    if (f.type() == FieldType.BOOLEAN) {
      throw FilterParser.invalid(
          c.position(), where + " is a boolean field; boolean fields cannot be filtered on");
    }
    if (c.op().ordering() && !f.type().isNumeric()) {
      throw FilterParser.invalid(
          c.position(),
          c.op().text
              + " needs a numeric field; "
              + where
              + " is "
              + f.type().name().toLowerCase(java.util.Locale.ROOT));
    }
    if (c.op().ordering() && c.operand() instanceof Values v) {
      try {
        Double.parseDouble(v.values().get(0));
      } catch (NumberFormatException ex) {
        throw FilterParser.invalid(
            c.position(), c.op().text + " needs a number; found \"" + v.values().get(0) + "\"");
      }
    }
    if (c.operand() instanceof Param p && p.name().length() > 50) {
      throw FilterParser.invalid(
          c.position(), "a parameter name must be at most 50 characters; got: $" + p.name());
    }
    // CurrentUser fields are Users fields; the dataset of the condition is what counts.
    return (dataset.equals("CurrentUser") ? "Users" : type.apiName()) + "." + c.field();
  }
}
