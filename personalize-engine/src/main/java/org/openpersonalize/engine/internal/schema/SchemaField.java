package org.openpersonalize.engine.internal.schema;

/**
 * One field of a parsed schema, in schema (and therefore CSV column) order.
 *
 * @param name the field name exactly as written in the schema, e.g. {@code EVENT_VALUE}
 * @param type the non-null Avro type
 * @param nullable whether the Avro type is a union with {@code "null"}
 * @param categorical {@code "categorical": true}: {@code |}-separated values, at most 1000 chars
 * @param textual {@code "textual": true}: free text (Items only), truncated at 20,000 chars
 * @param itemName {@code "itemName": true}: the item's display name (Items only)
 */
public record SchemaField(
    String name,
    FieldType type,
    boolean nullable,
    boolean categorical,
    boolean textual,
    boolean itemName) {}
