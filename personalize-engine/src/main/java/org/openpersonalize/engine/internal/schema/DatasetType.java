package org.openpersonalize.engine.internal.schema;

import java.util.Locale;

/**
 * The dataset types of Amazon Personalize, with the Avro record name a schema for each must use and
 * the type string APIs return.
 */
public enum DatasetType {
  INTERACTIONS("Interactions", "Interactions", "INTERACTIONS"),
  ITEMS("Items", "Items", "ITEMS"),
  USERS("Users", "Users", "USERS"),
  ACTIONS("Actions", "Actions", "ACTIONS"),
  ACTION_INTERACTIONS("Action_Interactions", "ActionInteractions", "ACTION_INTERACTIONS");

  private final String apiName;
  private final String recordName;
  private final String arnSuffix;

  DatasetType(String apiName, String recordName, String arnSuffix) {
    this.apiName = apiName;
    this.recordName = recordName;
    this.arnSuffix = arnSuffix;
  }

  /** The type as the API spells it, e.g. {@code Interactions}. */
  public String apiName() {
    return apiName;
  }

  /** The Avro record name a schema for this type must have. */
  public String recordName() {
    return recordName;
  }

  /** The last segment of the dataset ARN, e.g. {@code INTERACTIONS}. */
  public String arnSuffix() {
    return arnSuffix;
  }

  /** Parses an API dataset type, case-insensitively; null if it is not one. */
  public static DatasetType fromApiName(String s) {
    if (s == null) {
      return null;
    }
    String n = s.toLowerCase(Locale.ROOT);
    for (DatasetType t : values()) {
      if (t.apiName.toLowerCase(Locale.ROOT).equals(n)) {
        return t;
      }
    }
    return null;
  }

  /** The type whose schema record name is {@code name} (exact), or null. */
  public static DatasetType fromRecordName(String name) {
    for (DatasetType t : values()) {
      if (t.recordName.equals(name)) {
        return t;
      }
    }
    return null;
  }
}
