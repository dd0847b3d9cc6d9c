package org.openpersonalize.engine.internal.data;

import java.util.List;

/**
 * The metadata of the Items or Users dataset, as columns over the shared entity index (item or user
 * index of {@link DatasetGroupData}); entities without a metadata record have missing values.
 *
 * @param present whether each entity has a metadata record
 * @param categorical the categorical columns
 * @param numeric the numeric columns
 * @param textual the textual column (Items only; at most one), or null
 * @param creationTimestamp {@code CREATION_TIMESTAMP} per entity (epoch seconds, any long; before
 *     1970 is negative), {@link #NO_TIMESTAMP} when missing; null when the schema has no such field
 */
public record MetadataColumns(
    boolean[] present,
    List<Categorical> categorical,
    List<Numeric> numeric,
    Textual textual,
    long[] creationTimestamp) {

  /**
   * Marks a missing creation time. A stored {@code Long.MIN_VALUE} (292 billion years before 1970)
   * is read as {@link #clampStored one second later}, so the marker never stands for a real value
   * and no ordering between real timestamps changes.
   */
  public static final long NO_TIMESTAMP = Long.MIN_VALUE;

  /** A stored creation time as held in memory: {@link #NO_TIMESTAMP} is moved one second later. */
  public static long clampStored(long t) {
    return t == NO_TIMESTAMP ? NO_TIMESTAMP + 1 : t;
  }

  /**
   * A categorical column in CSR form: the values of entity {@code e} are {@code
   * valueIndex[offsets[e] .. offsets[e+1])}, indices into {@code values}.
   *
   * @param name the schema field name
   * @param offsets entity → start in {@code valueIndex}; length = entities + 1
   * @param valueIndex value indices
   * @param values the distinct values (each {@code |}-separated part is one value)
   */
  public record Categorical(String name, int[] offsets, int[] valueIndex, IdDictionary values) {}

  /**
   * A numeric column.
   *
   * @param name the schema field name
   * @param values value per entity, NaN when missing
   */
  public record Numeric(String name, double[] values) {}

  /**
   * A textual column.
   *
   * @param name the schema field name
   * @param values text per entity, null when missing
   */
  public record Textual(String name, String[] values) {}
}
