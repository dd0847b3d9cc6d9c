/**
 * The AWS SDK for Java v2 Amazon Personalize clients implemented on the OpenPersonalize engine:
 * {@link org.openpersonalize.aws.OpenPersonalizeAws} and nothing else is exported. The SDK modules
 * are automatic modules (they name themselves in their manifests), so code using this module
 * compiles against the same SDK types it used with Amazon.
 */
module org.openpersonalize.aws {
  requires transitive org.openpersonalize.engine;
  requires transitive software.amazon.awssdk.services.personalize;
  requires transitive software.amazon.awssdk.services.personalizeruntime;
  requires transitive software.amazon.awssdk.services.personalizeevents;
  requires software.amazon.awssdk.awscore;
  requires software.amazon.awssdk.core;
  requires software.amazon.awssdk.http;
  requires software.amazon.awssdk.regions;

  exports org.openpersonalize.aws;
}
