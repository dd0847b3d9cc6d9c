package org.openpersonalize.engine.internal.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Leaves dataset columns out of training ({@code trainingDataConfig.excludedDatasetColumns}, spec
 * §1.13): the excluded Items and Users metadata columns are removed before featurization, so no
 * recipe sees them. Interactions columns other than the required ones are never training inputs, so
 * excluding one changes nothing the model sees (it is still checked to exist when asked for).
 */
public final class ColumnExclusion {
  private ColumnExclusion() {}

  /** The data without the excluded columns; the same object when nothing is excluded. */
  public static DatasetGroupData apply(DatasetGroupData d, Map<String, List<String>> excluded) {
    if (excluded.isEmpty()) {
      return d;
    }
    return new DatasetGroupData(
        d.users(),
        d.items(),
        d.interactions(),
        without(d.itemMetadata(), excluded.getOrDefault("Items", List.of())),
        without(d.userMetadata(), excluded.getOrDefault("Users", List.of())),
        d.optionalInteractionColumns());
  }

  private static MetadataColumns without(MetadataColumns m, List<String> names) {
    if (m == null || names.isEmpty()) {
      return m;
    }
    List<MetadataColumns.Categorical> cat = new ArrayList<>();
    for (MetadataColumns.Categorical c : m.categorical()) {
      if (!contains(names, c.name())) {
        cat.add(c);
      }
    }
    List<MetadataColumns.Numeric> num = new ArrayList<>();
    for (MetadataColumns.Numeric c : m.numeric()) {
      if (!contains(names, c.name())) {
        num.add(c);
      }
    }
    MetadataColumns.Textual text =
        m.textual() != null && contains(names, m.textual().name()) ? null : m.textual();
    return new MetadataColumns(m.present(), cat, num, text, m.creationTimestamp());
  }

  private static boolean contains(List<String> names, String name) {
    for (String n : names) {
      if (n.equalsIgnoreCase(name)) {
        return true;
      }
    }
    return false;
  }
}
