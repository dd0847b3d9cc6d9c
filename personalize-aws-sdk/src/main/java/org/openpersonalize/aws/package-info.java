/**
 * The AWS SDK for Java v2 Personalize clients on the OpenPersonalize engine. {@link
 * org.openpersonalize.aws.OpenPersonalizeAws} is the one public type; the client implementations
 * and the request and response conversions behind it are package-private.
 */
package org.openpersonalize.aws;
