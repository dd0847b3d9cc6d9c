package org.openpersonalize.engine.internal.store;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A resource kind: the name stored in the {@code kind} column (also the ARN resource-type segment)
 * and the one decoder from a stored row to the kind's typed record.
 *
 * @param <T> the kind's record
 */
public final class Kind<T extends Resource> {
  /** Builds a kind's record from the shared columns and the kind's stored attributes. */
  @FunctionalInterface
  public interface Decoder<T> {
    /**
     * Decodes one row.
     *
     * @param meta the shared columns
     * @param attrs the kind's attributes as stored (absent fields are missing nodes)
     * @return the record
     */
    T decode(Header meta, JsonNode attrs);
  }

  private final String name;
  private final Decoder<T> decoder;

  /**
   * Creates a kind.
   *
   * @param name the stored kind name, e.g. {@code dataset-group}
   * @param decoder builds the record from a row
   */
  public Kind(String name, Decoder<T> decoder) {
    this.name = name;
    this.decoder = decoder;
  }

  /** The stored kind name, e.g. {@code dataset-group}. */
  public String name() {
    return name;
  }

  T decode(Header meta, JsonNode attrs) {
    return decoder.decode(meta, attrs);
  }

  @Override
  public String toString() {
    return name;
  }
}
