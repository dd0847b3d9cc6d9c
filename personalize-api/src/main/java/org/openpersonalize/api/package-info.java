/**
 * The three clients of OpenPersonalize, shaped like the AWS SDK for Java v2 clients of Amazon
 * Personalize: {@link org.openpersonalize.api.Personalize} (control plane), {@link
 * org.openpersonalize.api.PersonalizeRuntime} (recommendations) and {@link
 * org.openpersonalize.api.PersonalizeEvents} (real-time data). Obtain them from {@code
 * org.openpersonalize.engine.OpenPersonalize}.
 */
package org.openpersonalize.api;
