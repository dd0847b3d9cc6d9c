package org.openpersonalize.aws;

import static org.openpersonalize.aws.RuntimeConversions.toOurs;
import static org.openpersonalize.aws.RuntimeConversions.toSdk;

import org.openpersonalize.engine.OpenPersonalize;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.personalizeruntime.PersonalizeRuntimeClient;
import software.amazon.awssdk.services.personalizeruntime.PersonalizeRuntimeServiceClientConfiguration;
import software.amazon.awssdk.services.personalizeruntime.model.GetActionRecommendationsRequest;
import software.amazon.awssdk.services.personalizeruntime.model.GetActionRecommendationsResponse;
import software.amazon.awssdk.services.personalizeruntime.model.GetPersonalizedRankingRequest;
import software.amazon.awssdk.services.personalizeruntime.model.GetPersonalizedRankingResponse;
import software.amazon.awssdk.services.personalizeruntime.model.GetRecommendationsRequest;
import software.amazon.awssdk.services.personalizeruntime.model.GetRecommendationsResponse;

/** {@link PersonalizeRuntimeClient} on the engine's recommendations. */
final class EmbeddedPersonalizeRuntimeClient implements PersonalizeRuntimeClient {
  private final OpenPersonalize engine;
  private final Calls calls = new Calls("PersonalizeRuntimeClient", Errors::runtime);

  EmbeddedPersonalizeRuntimeClient(OpenPersonalize engine) {
    this.engine = engine;
  }

  @Override
  public String serviceName() {
    return SERVICE_NAME;
  }

  /** The region is {@code local}, as in the engine's ARNs; there is no endpoint or credential. */
  @Override
  public PersonalizeRuntimeServiceClientConfiguration serviceClientConfiguration() {
    return PersonalizeRuntimeServiceClientConfiguration.builder()
        .region(Region.of("local"))
        .build();
  }

  /** Closes this client only; the engine belongs to the caller and stays open. */
  @Override
  public void close() {
    calls.close();
  }

  @Override
  public GetRecommendationsResponse getRecommendations(GetRecommendationsRequest request) {
    return calls.run(() -> toSdk(engine.runtime().getRecommendations(toOurs(request))));
  }

  @Override
  public GetPersonalizedRankingResponse getPersonalizedRanking(
      GetPersonalizedRankingRequest request) {
    return calls.run(() -> toSdk(engine.runtime().getPersonalizedRanking(toOurs(request))));
  }

  @Override
  public GetActionRecommendationsResponse getActionRecommendations(
      GetActionRecommendationsRequest request) {
    throw Calls.unsupported("GetActionRecommendations");
  }
}
