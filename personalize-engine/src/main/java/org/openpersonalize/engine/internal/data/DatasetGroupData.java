package org.openpersonalize.engine.internal.data;

/**
 * Everything training reads from a dataset group, loaded in one call: the ID dictionaries, the
 * interactions as primitive columns, and the Items and Users metadata columns. Items and users that
 * appear only in metadata get indices after those seen in interactions.
 *
 * @param users user IDs ↔ indices
 * @param items item IDs ↔ indices
 * @param interactions the interactions (empty without an Interactions dataset)
 * @param itemMetadata Items metadata over item indices, or null without an Items dataset
 * @param userMetadata Users metadata over user indices, or null without a Users dataset
 * @param optionalInteractionColumns the Interactions schema's optional columns that count toward
 *     the event-type limit ({@link
 *     org.openpersonalize.engine.internal.schema.InteractionLimits#optionalColumns}), 0 without an
 *     Interactions dataset
 */
public record DatasetGroupData(
    IdDictionary users,
    IdDictionary items,
    Interactions interactions,
    MetadataColumns itemMetadata,
    MetadataColumns userMetadata,
    int optionalInteractionColumns) {}
