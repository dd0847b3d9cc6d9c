package org.openpersonalize.engine.internal.training;

import java.util.Arrays;
import org.openpersonalize.engine.internal.data.MetadataColumns;
import org.openpersonalize.engine.internal.training.Featurizer.Caps;
import org.openpersonalize.engine.internal.training.Featurizer.Selected;

/**
 * The training caps of spec §2.2.4 applied to a selection: which items a run leaves out when there
 * are too many, and which interactions when there are too many.
 */
final class TrainingCaps {
  private TrainingCaps() {}

  /** See {@link Featurizer#cap}. */
  static Selected apply(Selected s, MetadataColumns items, Caps caps) {
    int numItems = s.numItems();
    boolean[] excluded = null;
    if (numItems > caps.maxItems()) {
      long[] newest = new long[numItems];
      boolean[] seen = new boolean[numItems];
      for (int k = 0; k < s.size(); k++) {
        int i = s.item()[k];
        if (!seen[i] || s.timestamp()[k] > newest[i]) {
          newest[i] = s.timestamp()[k];
          seen[i] = true;
        }
      }
      long[] given = items == null ? null : items.creationTimestamp();
      int[] order = new int[numItems];
      for (int i = 0; i < numItems; i++) {
        order[i] = i;
      }
      // New items first (newest creation first; unknown creation counts as newest), then by the
      // most recent interaction, newest first; ties to the lower index.
      it.unimi.dsi.fastutil.ints.IntArrays.mergeSort(
          order,
          (a, b) -> {
            if (seen[a] != seen[b]) {
              return seen[a] ? 1 : -1;
            }
            long ka;
            long kb;
            if (!seen[a]) {
              ka =
                  given == null || given[a] == MetadataColumns.NO_TIMESTAMP
                      ? Long.MAX_VALUE
                      : given[a];
              kb =
                  given == null || given[b] == MetadataColumns.NO_TIMESTAMP
                      ? Long.MAX_VALUE
                      : given[b];
            } else {
              ka = newest[a];
              kb = newest[b];
            }
            int c = Long.compare(kb, ka);
            return c != 0 ? c : Integer.compare(a, b);
          });
      excluded = new boolean[numItems];
      for (int r = caps.maxItems(); r < numItems; r++) {
        excluded[order[r]] = true;
      }
    }
    int n = s.size();
    boolean[] keep = new boolean[n];
    int kept = 0;
    for (int k = 0; k < n; k++) {
      keep[k] = excluded == null || !excluded[s.item()[k]];
      kept += keep[k] ? 1 : 0;
    }
    if (kept > caps.maxInteractions()) {
      // Keep the newest: everything after the cut-off time, and at the cut-off time the latest
      // positions, until the cap is reached.
      long[] ts = new long[kept];
      for (int k = 0, m = 0; k < n; k++) {
        if (keep[k]) {
          ts[m++] = s.timestamp()[k];
        }
      }
      Arrays.sort(ts);
      long cutoff = ts[(int) (kept - caps.maxInteractions())];
      long atCutoff = 0;
      for (int k = 0; k < kept; k++) {
        atCutoff += ts[k] == cutoff && k >= kept - caps.maxInteractions() ? 1 : 0;
      }
      for (int k = n - 1; k >= 0; k--) {
        if (keep[k]) {
          long t = s.timestamp()[k];
          if (t < cutoff) {
            keep[k] = false;
          } else if (t == cutoff) {
            if (atCutoff > 0) {
              atCutoff--;
            } else {
              keep[k] = false;
            }
          }
        }
      }
      kept = (int) caps.maxInteractions();
    }
    if (kept == n && excluded == null) {
      return s;
    }
    int[] u = new int[kept];
    int[] it = new int[kept];
    long[] t = new long[kept];
    int[] type = s.eventType() == null ? null : new int[kept];
    for (int k = 0, m = 0; k < n; k++) {
      if (keep[k]) {
        u[m] = s.user()[k];
        it[m] = s.item()[k];
        t[m] = s.timestamp()[k];
        if (type != null) {
          type[m] = s.eventType()[k];
        }
        m++;
      }
    }
    return new Selected(s.numUsers(), numItems, u, it, t, s.reference(), excluded, type);
  }
}
