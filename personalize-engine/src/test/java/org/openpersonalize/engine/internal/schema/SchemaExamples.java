package org.openpersonalize.engine.internal.schema;

import java.util.List;
import org.openpersonalize.api.model.Domain;

/**
 * Valid schemas shared by the example tests and the fuzz tests. JSON is written with single quotes
 * for readability; {@link #q} turns them into double quotes.
 */
final class SchemaExamples {
  private SchemaExamples() {}

  /** A schema JSON string and the domain it is valid in (null = Custom). */
  record Example(String label, String json, Domain domain) {
    @Override
    public String toString() {
      return label;
    }
  }

  static final String USER_ID = "{'name':'USER_ID','type':'string'}";
  static final String ITEM_ID = "{'name':'ITEM_ID','type':'string'}";
  static final String ACTION_ID = "{'name':'ACTION_ID','type':'string'}";
  static final String TIMESTAMP = "{'name':'TIMESTAMP','type':'long'}";
  static final String EVENT_TYPE = "{'name':'EVENT_TYPE','type':'string'}";

  /** The MovieLens-style interactions schema of Amazon's samples. */
  static final String MOVIELENS_INTERACTIONS =
      schema(
          "Interactions",
          USER_ID,
          ITEM_ID,
          TIMESTAMP,
          EVENT_TYPE,
          "{'name':'EVENT_VALUE','type':['null','float']}");

  static final String MOVIE_ITEMS =
      schema(
          "Items",
          ITEM_ID,
          "{'name':'GENRES','type':['null','string'],'categorical':true}",
          "{'name':'DESCRIPTION','type':['null','string'],'textual':true}",
          "{'name':'CREATION_TIMESTAMP','type':'long'}");

  static final String USERS_WITH_GENDER =
      schema("Users", USER_ID, "{'name':'GENDER','type':'string','categorical':true}");

  static final String ACTIONS =
      schema(
          "Actions",
          ACTION_ID,
          "{'name':'VALUE','type':['null','long']}",
          "{'name':'LOYALTY_TIER','type':'string','categorical':true}",
          "{'name':'CREATION_TIMESTAMP','type':'long'}");

  static final String ACTION_INTERACTIONS =
      schema("ActionInteractions", USER_ID, ACTION_ID, TIMESTAMP, EVENT_TYPE);

  /** Amazon's default VIDEO_ON_DEMAND schemas, as published (note {@code GENRES_L1}). */
  static final String VOD_INTERACTIONS =
      schema("Interactions", USER_ID, ITEM_ID, EVENT_TYPE, TIMESTAMP);

  static final String VOD_USERS =
      schema("Users", USER_ID, "{'name':'SUBSCRIPTION_MODEL','type':'string','categorical':true}");

  static final String VOD_ITEMS =
      schema(
          "Items",
          ITEM_ID,
          "{'name':'GENRES_L1','type':['string'],'categorical':true}",
          "{'name':'CREATION_TIMESTAMP','type':'long'}");

  /** Amazon's default ECOMMERCE schemas, as published. */
  static final String ECOMMERCE_INTERACTIONS = VOD_INTERACTIONS;

  static final String ECOMMERCE_USERS =
      schema("Users", USER_ID, "{'name':'MEMBERSHIP_STATUS','type':'string','categorical':true}");

  static final String ECOMMERCE_ITEMS =
      schema(
          "Items",
          ITEM_ID,
          "{'name':'PRICE','type':'float'}",
          "{'name':'CATEGORY_L1','type':['string'],'categorical':true}");

  static final List<Example> ALL =
      List.of(
          new Example("custom interactions", MOVIELENS_INTERACTIONS, null),
          new Example("custom items", MOVIE_ITEMS, null),
          new Example("custom users", USERS_WITH_GENDER, null),
          new Example("custom actions", ACTIONS, null),
          new Example("custom action interactions", ACTION_INTERACTIONS, null),
          new Example("VOD interactions", VOD_INTERACTIONS, Domain.VIDEO_ON_DEMAND),
          new Example("VOD users", VOD_USERS, Domain.VIDEO_ON_DEMAND),
          new Example("VOD items", VOD_ITEMS, Domain.VIDEO_ON_DEMAND),
          new Example("ECOMMERCE interactions", ECOMMERCE_INTERACTIONS, Domain.ECOMMERCE),
          new Example("ECOMMERCE users", ECOMMERCE_USERS, Domain.ECOMMERCE),
          new Example("ECOMMERCE items", ECOMMERCE_ITEMS, Domain.ECOMMERCE));

  /** A full Personalize schema document around the given field objects. */
  static String schema(String recordName, String... fields) {
    return q(
        "{'type':'record','name':'"
            + recordName
            + "','namespace':'com.amazonaws.personalize.schema','fields':["
            + String.join(",", fields)
            + "],'version':'1.0'}");
  }

  /** A field object with a name, a type (JSON, single-quoted) and optional extra attributes. */
  static String field(String name, String type, String... attributes) {
    StringBuilder sb = new StringBuilder("{'name':'").append(name).append("','type':").append(type);
    for (String a : attributes) {
      sb.append(',').append(a);
    }
    return sb.append('}').toString();
  }

  static String q(String s) {
    return s.replace('\'', '"');
  }
}
