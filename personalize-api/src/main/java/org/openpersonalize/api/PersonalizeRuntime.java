package org.openpersonalize.api;

/**
 * Recommendations of Amazon Personalize, in-process: the AWS SDK for Java v2 {@code
 * PersonalizeRuntimeClient}. {@code GetRecommendations} and {@code GetPersonalizedRanking} arrive
 * with solutions and campaigns; the interface exists now so that applications can hold all three
 * clients from the start. Implementations are thread-safe.
 */
public interface PersonalizeRuntime {}
