package org.openpersonalize.engine.internal.schema;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openpersonalize.api.model.Domain;

/**
 * The required and reserved fields of each dataset type, per kind of dataset group (Custom and the
 * two domains), as spec §1.4 lists them; {@link SchemaParser} checks a schema against them.
 */
final class SchemaProfiles {
  private SchemaProfiles() {}

  /** How a required or reserved field must be flagged. */
  enum Attr {
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
  record Rule(String name, FieldType type, boolean nullable, Attr attr, boolean metadata) {
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
  record Profile(
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

  static Map<DatasetType, Profile> profilesFor(Domain domain) {
    if (domain == null) {
      return CUSTOM;
    }
    return switch (domain) {
      case VIDEO_ON_DEMAND -> VIDEO_ON_DEMAND;
      case ECOMMERCE -> ECOMMERCE;
      case UNKNOWN_TO_SDK_VERSION ->
          throw AvroText.invalid(
              "Schema domain must be ECOMMERCE or VIDEO_ON_DEMAND, or absent for a Custom dataset"
                  + " group; got: a domain this version does not know");
    };
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
