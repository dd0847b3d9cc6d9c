package org.openpersonalize.api;

import org.openpersonalize.api.model.GetPersonalizedRankingRequest;
import org.openpersonalize.api.model.GetPersonalizedRankingResponse;
import org.openpersonalize.api.model.GetRecommendationsRequest;
import org.openpersonalize.api.model.GetRecommendationsResponse;

/**
 * Recommendations of Amazon Personalize, in-process: the AWS SDK for Java v2 {@code
 * PersonalizeRuntimeClient}. Implementations are thread-safe.
 */
public interface PersonalizeRuntime {
  /**
   * Recommends items for a user (user-personalization and popularity recipes) or items related to
   * an item (related-items recipes). Events recorded with PutEvents count at once. An unknown user
   * or item gets popular items.
   *
   * <p>Amazon Personalize operation {@code GetRecommendations}.
   *
   * @param request the request
   * @return the response
   * @throws org.openpersonalize.api.model.InvalidInputException for a bad request, e.g. numResults
   *     outside 1-500 or no userId for a user recipe
   * @throws org.openpersonalize.api.model.ResourceNotFoundException for an unknown campaign
   */
  GetRecommendationsResponse getRecommendations(GetRecommendationsRequest request);

  /**
   * Ranks the items of {@code inputList} for a user; items the model does not know come last,
   * without a score.
   *
   * <p>Amazon Personalize operation {@code GetPersonalizedRanking}.
   *
   * @param request the request
   * @return the response
   * @throws org.openpersonalize.api.model.InvalidInputException for a bad request, e.g. an empty
   *     input list
   * @throws org.openpersonalize.api.model.ResourceNotFoundException for an unknown campaign
   */
  GetPersonalizedRankingResponse getPersonalizedRanking(GetPersonalizedRankingRequest request);
}
