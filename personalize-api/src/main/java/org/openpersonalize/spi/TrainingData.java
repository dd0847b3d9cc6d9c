package org.openpersonalize.spi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A featurized dataset group, ready for a recipe: users and items are dense indices ({@code 0 ..
 * numUsers-1}, {@code 0 .. numItems-1}), interactions are parallel primitive columns, and metadata
 * are primitive columns indexed by user or item.
 *
 * <p>The engine has already applied event-type and event-value selection and turned each event into
 * a non-negative {@link #weight(int) weight} (spec §2.2, §9.1); a weight of 0 means the event
 * carries no signal and recipes ignore it. The same (user, item) pair may occur many times.
 * Categorical metadata are multi-valued (Personalize's {@code |}-separated categorical strings) and
 * stored as compressed rows; numeric metadata use {@code NaN} for a missing value.
 *
 * <p>Immutable: the builder copies the arrays it is given, and the accessors read single elements,
 * so no caller can change the data a model was trained on. Element accessors on this final class
 * compile to plain array loads in hot loops.
 */
public final class TrainingData {
  private final int numUsers;
  private final int numItems;
  private final int[] userIdx;
  private final int[] itemIdx;
  private final long[] timestamp;
  private final float[] weight;
  private final List<String> eventTypeNames;
  private final int[] eventType;
  private final long latestTimestamp;
  private final List<CategoricalColumn> itemCategorical;
  private final List<NumericColumn> itemNumeric;
  private final List<CategoricalColumn> itemText;
  private final long[] itemCreation;
  private final List<CategoricalColumn> userCategorical;
  private final List<NumericColumn> userNumeric;

  private TrainingData(Builder b) {
    this.numUsers = b.numUsers;
    this.numItems = b.numItems;
    this.userIdx = b.userIdx;
    this.itemIdx = b.itemIdx;
    this.timestamp = b.timestamp;
    this.weight = b.weight;
    this.eventTypeNames = b.eventTypeNames;
    this.eventType = b.eventType;
    // Any long is a timestamp (pre-1970 data is negative); 0 only when there is no interaction.
    long latest = timestamp.length == 0 ? 0 : Long.MIN_VALUE;
    for (long t : timestamp) {
      latest = Math.max(latest, t);
    }
    this.latestTimestamp = latest;
    this.itemCategorical = Collections.unmodifiableList(new ArrayList<>(b.itemCategorical));
    this.itemNumeric = Collections.unmodifiableList(new ArrayList<>(b.itemNumeric));
    this.itemText = Collections.unmodifiableList(new ArrayList<>(b.itemText));
    this.itemCreation = b.itemCreation;
    this.userCategorical = Collections.unmodifiableList(new ArrayList<>(b.userCategorical));
    this.userNumeric = Collections.unmodifiableList(new ArrayList<>(b.userNumeric));
  }

  /**
   * Starts a builder for data over the given index spaces.
   *
   * @param numUsers how many users, including users with metadata but no interactions
   * @param numItems how many items, including items with metadata but no interactions
   * @return a builder
   * @throws IllegalArgumentException when a count is negative
   */
  public static Builder builder(int numUsers, int numItems) {
    return new Builder(numUsers, numItems);
  }

  /**
   * The number of users (valid user indices are {@code 0 .. numUsers-1}).
   *
   * @return the user count
   */
  public int numUsers() {
    return numUsers;
  }

  /**
   * The number of items (valid item indices are {@code 0 .. numItems-1}).
   *
   * @return the item count
   */
  public int numItems() {
    return numItems;
  }

  /**
   * The number of interaction events.
   *
   * @return the event count
   */
  public int numInteractions() {
    return userIdx.length;
  }

  /**
   * The user of event {@code k}.
   *
   * @param k the event, in {@code 0 .. numInteractions-1}
   * @return the user index
   */
  public int userIdx(int k) {
    return userIdx[k];
  }

  /**
   * The item of event {@code k}.
   *
   * @param k the event
   * @return the item index
   */
  public int itemIdx(int k) {
    return itemIdx[k];
  }

  /**
   * When event {@code k} happened.
   *
   * @param k the event
   * @return epoch seconds, any long (negative is before 1970)
   */
  public long timestamp(int k) {
    return timestamp[k];
  }

  /**
   * The weight of event {@code k} after event-type and event-value weighting.
   *
   * @param k the event
   * @return a finite weight, at least 0
   */
  public float weight(int k) {
    return weight[k];
  }

  /**
   * Whether the events' {@code EVENT_TYPE}s were given.
   *
   * @return true when {@link #eventType(int)} may be called
   */
  public boolean hasEventTypes() {
    return eventType != null;
  }

  /**
   * The event types, by index.
   *
   * @return an unmodifiable list; empty when no types were given
   */
  public List<String> eventTypeNames() {
    return eventTypeNames;
  }

  /**
   * The type of event {@code k}, an index into {@link #eventTypeNames()}.
   *
   * @param k the event
   * @return the type index
   * @throws IllegalStateException when no types were given
   */
  public int eventType(int k) {
    if (eventType == null) {
      throw new IllegalStateException("event types were not given");
    }
    return eventType[k];
  }

  /**
   * The latest event timestamp, the reference point for item age and recency (spec §9.7).
   *
   * @return epoch seconds (negative when every event is before 1970); 0 when there are no events
   */
  public long latestTimestamp() {
    return latestTimestamp;
  }

  /**
   * The categorical item columns (e.g. {@code GENRES}), each with one row per item.
   *
   * @return an unmodifiable list
   */
  public List<CategoricalColumn> itemCategoricalColumns() {
    return itemCategorical;
  }

  /**
   * The numeric item columns (e.g. {@code PRICE}), each with one value per item.
   *
   * @return an unmodifiable list
   */
  public List<NumericColumn> itemNumericColumns() {
    return itemNumeric;
  }

  /**
   * The textual item columns (e.g. {@code DESCRIPTION}, spec §1.4), tokenized by the engine: each
   * row's values are the token indices of the item's text in order, a token repeated as often as it
   * occurs (so counting gives term frequencies), each an index into the column's token dictionary
   * (kept by the engine).
   *
   * @return an unmodifiable list
   */
  public List<CategoricalColumn> itemTextColumns() {
    return itemText;
  }

  /**
   * Whether item creation timestamps were given.
   *
   * @return true when {@link #itemCreationTimestamp(int)} may be called
   */
  public boolean hasItemCreationTimestamps() {
    return itemCreation != null;
  }

  /**
   * When an item was created ({@code CREATION_TIMESTAMP}, or the engine's substitute, spec §2.2).
   *
   * @param item the item index
   * @return epoch seconds
   * @throws IllegalStateException when no creation timestamps were given
   */
  public long itemCreationTimestamp(int item) {
    if (itemCreation == null) {
      throw new IllegalStateException("item creation timestamps were not given");
    }
    return itemCreation[item];
  }

  /**
   * The categorical user columns (e.g. {@code MEMBERSHIP}), each with one row per user.
   *
   * @return an unmodifiable list
   */
  public List<CategoricalColumn> userCategoricalColumns() {
    return userCategorical;
  }

  /**
   * The numeric user columns, each with one value per user.
   *
   * @return an unmodifiable list
   */
  public List<NumericColumn> userNumericColumns() {
    return userNumeric;
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "TrainingData(users=%d, items=%d, interactions=%d, itemColumns=%d, userColumns=%d)",
        numUsers,
        numItems,
        userIdx.length,
        itemCategorical.size() + itemNumeric.size() + itemText.size(),
        userCategorical.size() + userNumeric.size());
  }

  /**
   * A multi-valued categorical column in compressed-row form: the values of row {@code r} are
   * {@code value(k)} for {@code k} in {@code [start(r), end(r))}, each an index in {@code 0 ..
   * numValues-1} of the column's value dictionary (kept by the engine).
   */
  public static final class CategoricalColumn {
    private final String name;
    private final int numValues;
    private final int[] offsets;
    private final int[] values;

    private CategoricalColumn(String name, int numValues, int[] offsets, int[] values) {
      this.name = name;
      this.numValues = numValues;
      this.offsets = offsets;
      this.values = values;
    }

    /**
     * The column's name in the schema.
     *
     * @return the name
     */
    public String name() {
      return name;
    }

    /**
     * The size of the column's value dictionary.
     *
     * @return the number of distinct values
     */
    public int numValues() {
      return numValues;
    }

    /**
     * The number of rows (users or items).
     *
     * @return the row count
     */
    public int numRows() {
      return offsets.length - 1;
    }

    /**
     * Where row {@code r}'s values start.
     *
     * @param row the row
     * @return the first position, inclusive
     */
    public int start(int row) {
      return offsets[row];
    }

    /**
     * Where row {@code r}'s values end.
     *
     * @param row the row
     * @return the last position, exclusive
     */
    public int end(int row) {
      return offsets[row + 1];
    }

    /**
     * The value at a position.
     *
     * @param position in {@code [start(r), end(r))} of some row
     * @return the value index
     */
    public int value(int position) {
      return values[position];
    }
  }

  /** A numeric column with one value per row; {@code NaN} marks a missing value. */
  public static final class NumericColumn {
    private final String name;
    private final float[] values;

    private NumericColumn(String name, float[] values) {
      this.name = name;
      this.values = values;
    }

    /**
     * The column's name in the schema.
     *
     * @return the name
     */
    public String name() {
      return name;
    }

    /**
     * The number of rows (users or items).
     *
     * @return the row count
     */
    public int numRows() {
      return values.length;
    }

    /**
     * The value of a row.
     *
     * @param row the row
     * @return the value, or {@code NaN} when missing
     */
    public float value(int row) {
      return values[row];
    }
  }

  /**
   * Builds {@link TrainingData}. Each setter checks and copies its arrays; not thread-safe.
   * Messages follow {@code "<field> must be <rule>; got: <value>"}.
   */
  public static final class Builder {
    private final int numUsers;
    private final int numItems;
    private int[] userIdx;
    private int[] itemIdx;
    private long[] timestamp;
    private float[] weight;
    private List<String> eventTypeNames = List.of();
    private int[] eventType;
    private final List<CategoricalColumn> itemCategorical = new ArrayList<>();
    private final List<NumericColumn> itemNumeric = new ArrayList<>();
    private final List<CategoricalColumn> itemText = new ArrayList<>();
    private long[] itemCreation;
    private final List<CategoricalColumn> userCategorical = new ArrayList<>();
    private final List<NumericColumn> userNumeric = new ArrayList<>();

    private Builder(int numUsers, int numItems) {
      if (numUsers < 0) {
        throw new IllegalArgumentException("numUsers must be >= 0; got: " + numUsers);
      }
      if (numItems < 0) {
        throw new IllegalArgumentException("numItems must be >= 0; got: " + numItems);
      }
      this.numUsers = numUsers;
      this.numItems = numItems;
    }

    /**
     * Sets the interaction events as parallel columns of equal length.
     *
     * @param userIdx the user of each event, in {@code [0, numUsers)}
     * @param itemIdx the item of each event, in {@code [0, numItems)}
     * @param timestamp epoch seconds of each event, any long: negative values are before 1970
     * @param weight the weight of each event, finite and at least 0
     * @return this builder
     * @throws IllegalArgumentException when lengths differ or a value is out of range; the message
     *     names the column and the first bad position
     */
    public Builder interactions(int[] userIdx, int[] itemIdx, long[] timestamp, float[] weight) {
      Objects.requireNonNull(userIdx, "userIdx");
      Objects.requireNonNull(itemIdx, "itemIdx");
      Objects.requireNonNull(timestamp, "timestamp");
      Objects.requireNonNull(weight, "weight");
      int n = userIdx.length;
      requireLength("itemIdx", itemIdx.length, n, "userIdx.length");
      requireLength("timestamp", timestamp.length, n, "userIdx.length");
      requireLength("weight", weight.length, n, "userIdx.length");
      for (int k = 0; k < n; k++) {
        if (userIdx[k] < 0 || userIdx[k] >= numUsers) {
          throw new IllegalArgumentException(
              String.format(
                  Locale.ROOT, "userIdx[%d] must be in [0, %d); got: %d", k, numUsers, userIdx[k]));
        }
        if (itemIdx[k] < 0 || itemIdx[k] >= numItems) {
          throw new IllegalArgumentException(
              String.format(
                  Locale.ROOT, "itemIdx[%d] must be in [0, %d); got: %d", k, numItems, itemIdx[k]));
        }
        if (!(weight[k] >= 0) || weight[k] == Float.POSITIVE_INFINITY) {
          throw new IllegalArgumentException(
              String.format(
                  Locale.ROOT, "weight[%d] must be finite and >= 0; got: %s", k, weight[k]));
        }
      }
      this.userIdx = userIdx.clone();
      this.itemIdx = itemIdx.clone();
      this.timestamp = timestamp.clone();
      this.weight = weight.clone();
      return this;
    }

    /**
     * Sets each event's {@code EVENT_TYPE}, after {@link #interactions}: recipes may learn per type
     * (e.g. how often a purchase is repeated).
     *
     * @param names the types, unique and non-null, by index
     * @param typeIdx one index into {@code names} per event
     * @return this builder
     * @throws IllegalArgumentException when lengths differ, a name repeats, or an index is out of
     *     range
     */
    public Builder eventTypes(List<String> names, int[] typeIdx) {
      Objects.requireNonNull(names, "names");
      Objects.requireNonNull(typeIdx, "typeIdx");
      if (userIdx == null) {
        throw new IllegalArgumentException("eventTypes must be set after interactions; got: none");
      }
      requireLength("typeIdx", typeIdx.length, userIdx.length, "numInteractions");
      java.util.Set<String> unique = new java.util.HashSet<>(names);
      if (unique.size() != names.size() || unique.contains(null)) {
        throw new IllegalArgumentException(
            "event type names must be unique and non-null; got: " + names);
      }
      for (int k = 0; k < typeIdx.length; k++) {
        if (typeIdx[k] < 0 || typeIdx[k] >= names.size()) {
          throw new IllegalArgumentException(
              String.format(
                  Locale.ROOT,
                  "typeIdx[%d] must be in [0, %d); got: %d",
                  k,
                  names.size(),
                  typeIdx[k]));
        }
      }
      this.eventTypeNames = List.copyOf(names);
      this.eventType = typeIdx.clone();
      return this;
    }

    /**
     * Adds a categorical item column.
     *
     * @param name the column's name, unique among item columns
     * @param numValues the size of its value dictionary
     * @param offsets {@code numItems + 1} non-decreasing positions, from 0 to {@code
     *     valueIdx.length}
     * @param valueIdx the values of all rows, concatenated, each in {@code [0, numValues)}
     * @return this builder
     */
    public Builder itemCategorical(String name, int numValues, int[] offsets, int[] valueIdx) {
      checkName("item", name);
      itemCategorical.add(categorical("item", name, numItems, numValues, offsets, valueIdx));
      return this;
    }

    /**
     * Adds a numeric item column.
     *
     * @param name the column's name, unique among item columns
     * @param values {@code numItems} values, {@code NaN} for missing, otherwise finite
     * @return this builder
     */
    public Builder itemNumeric(String name, float[] values) {
      checkName("item", name);
      itemNumeric.add(numeric("item", name, numItems, values));
      return this;
    }

    /**
     * Adds a textual item column as tokens (see {@link TrainingData#itemTextColumns()}).
     *
     * @param name the column's name, unique among item columns
     * @param numTokens the size of its token dictionary
     * @param offsets {@code numItems + 1} non-decreasing positions, from 0 to {@code
     *     tokenIdx.length}
     * @param tokenIdx the tokens of all rows, concatenated, each in {@code [0, numTokens)}
     * @return this builder
     */
    public Builder itemText(String name, int numTokens, int[] offsets, int[] tokenIdx) {
      checkName("item", name);
      itemText.add(categorical("item", name, numItems, numTokens, offsets, tokenIdx));
      return this;
    }

    /**
     * Sets the item creation timestamps.
     *
     * @param creation {@code numItems} epoch seconds, any long (negative is before 1970, and a
     *     value after {@link #latestTimestamp()} is an item newer than the data)
     * @return this builder
     */
    public Builder itemCreationTimestamps(long[] creation) {
      Objects.requireNonNull(creation, "itemCreationTimestamps");
      requireLength("itemCreationTimestamps", creation.length, numItems, "numItems");
      this.itemCreation = creation.clone();
      return this;
    }

    /**
     * Adds a categorical user column.
     *
     * @param name the column's name, unique among user columns
     * @param numValues the size of its value dictionary
     * @param offsets {@code numUsers + 1} non-decreasing positions, from 0 to {@code
     *     valueIdx.length}
     * @param valueIdx the values of all rows, concatenated, each in {@code [0, numValues)}
     * @return this builder
     */
    public Builder userCategorical(String name, int numValues, int[] offsets, int[] valueIdx) {
      checkName("user", name);
      userCategorical.add(categorical("user", name, numUsers, numValues, offsets, valueIdx));
      return this;
    }

    /**
     * Adds a numeric user column.
     *
     * @param name the column's name, unique among user columns
     * @param values {@code numUsers} values, {@code NaN} for missing, otherwise finite
     * @return this builder
     */
    public Builder userNumeric(String name, float[] values) {
      checkName("user", name);
      userNumeric.add(numeric("user", name, numUsers, values));
      return this;
    }

    /**
     * Builds the data.
     *
     * @return the data
     * @throws IllegalArgumentException when no interactions were set (an empty set is allowed, and
     *     recipes reject it themselves)
     */
    public TrainingData build() {
      if (userIdx == null) {
        throw new IllegalArgumentException("interactions must be set, even if empty; got: none");
      }
      return new TrainingData(this);
    }

    private void checkName(String entity, String name) {
      if (name == null || name.isEmpty()) {
        throw new IllegalArgumentException(
            entity + " column name must be a non-empty string; got: " + name);
      }
      List<String> names = new ArrayList<>();
      for (CategoricalColumn c : entity.equals("item") ? itemCategorical : userCategorical) {
        names.add(c.name());
      }
      for (NumericColumn c : entity.equals("item") ? itemNumeric : userNumeric) {
        names.add(c.name());
      }
      if (entity.equals("item")) {
        for (CategoricalColumn c : itemText) {
          names.add(c.name());
        }
      }
      if (names.contains(name)) {
        throw new IllegalArgumentException(
            entity + " column names must be unique; got: " + name + " twice");
      }
    }

    private static CategoricalColumn categorical(
        String entity, String name, int rows, int numValues, int[] offsets, int[] valueIdx) {
      Objects.requireNonNull(offsets, "offsets");
      Objects.requireNonNull(valueIdx, "valueIdx");
      String field = entity + " column " + name;
      if (numValues < 0) {
        throw new IllegalArgumentException(field + " numValues must be >= 0; got: " + numValues);
      }
      requireLength(field + " offsets", offsets.length, rows + 1, countName(entity) + " + 1");
      if (offsets[0] != 0) {
        throw new IllegalArgumentException(field + " offsets[0] must be 0; got: " + offsets[0]);
      }
      for (int r = 0; r < rows; r++) {
        if (offsets[r + 1] < offsets[r]) {
          throw new IllegalArgumentException(
              String.format(
                  Locale.ROOT,
                  "%s offsets[%d] must be >= offsets[%d] = %d; got: %d",
                  field,
                  r + 1,
                  r,
                  offsets[r],
                  offsets[r + 1]));
        }
      }
      if (offsets[rows] != valueIdx.length) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT,
                "%s offsets[%d] must be valueIdx.length = %d; got: %d",
                field,
                rows,
                valueIdx.length,
                offsets[rows]));
      }
      for (int k = 0; k < valueIdx.length; k++) {
        if (valueIdx[k] < 0 || valueIdx[k] >= numValues) {
          throw new IllegalArgumentException(
              String.format(
                  Locale.ROOT,
                  "%s valueIdx[%d] must be in [0, %d); got: %d",
                  field,
                  k,
                  numValues,
                  valueIdx[k]));
        }
      }
      return new CategoricalColumn(name, numValues, offsets.clone(), valueIdx.clone());
    }

    private static NumericColumn numeric(String entity, String name, int rows, float[] values) {
      Objects.requireNonNull(values, "values");
      String field = entity + " column " + name;
      requireLength(field + " values", values.length, rows, countName(entity));
      for (int r = 0; r < rows; r++) {
        if (Float.isInfinite(values[r])) {
          throw new IllegalArgumentException(
              String.format(
                  Locale.ROOT, "%s[%d] must be finite or NaN; got: %s", field, r, values[r]));
        }
      }
      return new NumericColumn(name, values.clone());
    }

    private static String countName(String entity) {
      return entity.equals("item") ? "numItems" : "numUsers";
    }

    private static void requireLength(String field, int length, int expected, String what) {
      if (length != expected) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT, "%s.length must be %s = %d; got: %d", field, what, expected, length));
      }
    }
  }
}
