/**
 * Requests, responses, resource descriptions and exceptions, named and shaped as the AWS SDK for
 * Java v2 Personalize model classes: immutable, built with {@code builder()}, copied with {@code
 * toBuilder()}. All exceptions extend {@link org.openpersonalize.api.model.PersonalizeException}.
 */
package org.openpersonalize.api.model;
