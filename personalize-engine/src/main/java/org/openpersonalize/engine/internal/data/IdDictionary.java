package org.openpersonalize.engine.internal.data;

import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.util.Arrays;

/**
 * External string IDs ↔ dense {@code int} indices, assigned in first-seen order (RankSys's
 * user2uidx/uidx2user). Everything after loading works on the indices.
 */
public final class IdDictionary {
  private final Object2IntOpenHashMap<String> index = new Object2IntOpenHashMap<>();
  private String[] ids = new String[16];
  private int size;

  /** Creates an empty dictionary. */
  public IdDictionary() {
    index.defaultReturnValue(-1);
  }

  /** The index of {@code id}, adding it if new. */
  public int add(String id) {
    int i = index.getInt(id);
    if (i >= 0) {
      return i;
    }
    if (size == ids.length) {
      ids = Arrays.copyOf(ids, size * 2);
    }
    ids[size] = id;
    index.put(id, size);
    return size++;
  }

  /** The index of {@code id}, or -1 if it is not in the dictionary. */
  public int indexOf(String id) {
    return index.getInt(id);
  }

  /** The ID at {@code index}. */
  public String id(int index) {
    if (index < 0 || index >= size) {
      throw new IndexOutOfBoundsException("index must be 0.." + (size - 1) + "; got: " + index);
    }
    return ids[index];
  }

  /** The number of IDs. */
  public int size() {
    return size;
  }
}
