package org.openpersonalize.aws;

import java.util.Collection;
import java.util.Map;
import org.openpersonalize.api.model.InvalidInputException;

/**
 * Request fields of the SDK's model that the engine does not carry yet. Dropping one would change
 * what a call does without a word (a recommender not asked, an events configuration not used), so a
 * request that sets one is refused with an {@code InvalidInputException} naming it. Leaving the
 * field unset, or setting an empty list or map, is accepted.
 */
final class Gaps {
  private Gaps() {}

  /**
   * Refuses a request that sets a field the engine does not support yet.
   *
   * @param field the field's path in the request, e.g. {@code solutionConfig.hpoConfig}
   * @param value its value: null, or an empty collection or map, counts as unset
   * @throws InvalidInputException if the field is set
   */
  static void refuseIfSet(String field, Object value) {
    boolean set =
        value != null
            && !(value instanceof Collection && ((Collection<?>) value).isEmpty())
            && !(value instanceof Map && ((Map<?, ?>) value).isEmpty());
    if (set) {
      throw new InvalidInputException(
          field
              + " is not supported by OpenPersonalize yet (see docs/aws-compatibility.md); leave it"
              + " unset; got: "
              + value);
    }
  }
}
