package org.openpersonalize.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openpersonalize.api.Personalize;
import org.openpersonalize.api.PersonalizeEvents;
import org.openpersonalize.api.PersonalizeRuntime;
import org.openpersonalize.api.model.GetRecommendationsRequest;
import org.openpersonalize.api.model.InvalidInputException;
import org.openpersonalize.api.model.Promotion;

/**
 * Every ARN field of every request, found by reflection on the operations, is checked against
 * Amazon's pattern {@code arn:([a-z\d-]+):personalize:.*:.*:.+} (at most 256 characters) before
 * anything else is looked up, with the pattern in the message (issue 11). A new operation whose
 * request has an ARN field is covered without being listed here.
 */
class ArnPatternTest {
  static final String VALID = "arn:aws:personalize:local:000000000000:thing/absent";

  /** Malformed values: not an ARN, another service, an empty resource, too long. */
  static final List<String> BAD =
      List.of(
          "campaign/x",
          "arn:aws:s3:::bucket/key",
          "arn:aws:personalize:local:000000000000:",
          "arn:AWS:personalize:::recipe/x",
          "arn:aws:personalize:local:000000000000:campaign/" + "x".repeat(250));

  @Test
  void everyArnFieldOfEveryRequestIsCheckedAgainstAmazonsPattern() throws Exception {
    List<String> checked = new ArrayList<>();
    try (OpenPersonalize engine = OpenPersonalize.inMemory()) {
      checked.addAll(check(Personalize.class, engine.personalize()));
      checked.addAll(check(PersonalizeRuntime.class, engine.runtime()));
      checked.addAll(check(PersonalizeEvents.class, engine.events()));
      // A nested ARN: the promotion's filter.
      for (String bad : BAD) {
        String m =
            refusal(
                () ->
                    engine
                        .runtime()
                        .getRecommendations(
                            GetRecommendationsRequest.builder()
                                .campaignArn(VALID)
                                .userId("u")
                                .promotions(
                                    Promotion.builder()
                                        .name("p")
                                        .percentPromotedItems(10)
                                        .filterArn(bad)
                                        .build())
                                .build()));
        assertTrue(
            m.startsWith("promotions[0].filterArn must")
                && (m.contains("regular expression pattern") || m.contains("characters")),
            m);
      }
    }
    assertTrue(checked.contains("getRecommendations.campaignArn"), checked.toString());
    assertTrue(checked.contains("listSolutions.datasetGroupArn"), checked.toString());
    assertTrue(checked.contains("createSolution.recipeArn"), checked.toString());
    assertTrue(checked.size() >= 40, checked.toString());
  }

  /** For each operation and each String field ending in Arn: the malformed values are refused. */
  private static List<String> check(Class<?> api, Object client) throws Exception {
    List<String> checked = new ArrayList<>();
    for (Method op : api.getMethods()) {
      if (op.getParameterCount() != 1) {
        continue;
      }
      Class<?> requestType = op.getParameterTypes()[0];
      Class<?> builderType = requestType.getMethod("builder").getReturnType();
      List<Method> arnSetters = new ArrayList<>();
      List<Method> stringSetters = new ArrayList<>();
      for (Method s : builderType.getMethods()) {
        if (s.getParameterCount() == 1
            && s.getParameterTypes()[0] == String.class
            && !isEnum(builderType, s.getName())) {
          (isPersonalizeArn(s.getName()) ? arnSetters : stringSetters).add(s);
        }
      }
      for (Method field : arnSetters) {
        for (String bad : BAD) {
          Object b = requestType.getMethod("builder").invoke(null);
          for (Method s : stringSetters) {
            s.invoke(b, plausible(s.getName()));
          }
          for (Method s : arnSetters) {
            if (s == field || !exclusive(field.getName(), s.getName())) {
              s.invoke(b, s == field ? bad : valid(s.getName()));
            }
          }
          plausibleObjects(builderType, b);
          Object request = builderType.getMethod("build").invoke(b);
          String m =
              refusal(
                  () -> {
                    try {
                      op.invoke(client, request);
                    } catch (InvocationTargetException e) {
                      throw (RuntimeException) e.getCause();
                    } catch (IllegalAccessException e) {
                      throw new AssertionError(e);
                    }
                  });
          String name = field.getName();
          boolean pattern = m.startsWith(name + " must satisfy regular expression pattern: ");
          boolean length = m.startsWith(name + " must be 1-256 characters");
          assertTrue(pattern || length, op.getName() + "." + name + "=" + bad + " → " + m);
        }
        checked.add(op.getName() + "." + field.getName());
      }
    }
    return checked;
  }

  /** Personalize ARN fields; roleArn and kmsKeyArn follow IAM's and KMS's own patterns. */
  static boolean isPersonalizeArn(String name) {
    return name.endsWith("Arn") && !name.equals("roleArn") && !name.equals("kmsKeyArn");
  }

  /** Required values other checks want before the ARN: lists, an import job's data source. */
  static void plausibleObjects(Class<?> builderType, Object b) throws Exception {
    Map<String, Object> lists =
        Map.of(
            "inputList", List.of("i"),
            "items", List.of(org.openpersonalize.api.model.Item.builder().itemId("i").build()),
            "users", List.of(org.openpersonalize.api.model.User.builder().userId("u").build()));
    for (Method m : builderType.getMethods()) {
      if (lists.containsKey(m.getName())
          && m.getParameterCount() == 1
          && m.getParameterTypes()[0] == java.util.Collection.class) {
        m.invoke(b, lists.get(m.getName()));
      }
      if (m.getName().equals("dataSource")
          && m.getParameterTypes()[0] == org.openpersonalize.api.model.DataSource.class) {
        m.invoke(
            b,
            org.openpersonalize.api.model.DataSource.builder()
                .dataLocation(System.getProperty("java.io.tmpdir"))
                .build());
      }
    }
  }

  /** Whether the builder also takes an enum for this field (its String setter is the raw value). */
  static boolean isEnum(Class<?> builderType, String name) {
    for (Method m : builderType.getMethods()) {
      if (m.getName().equals(name)
          && m.getParameterCount() == 1
          && m.getParameterTypes()[0].isEnum()) {
        return true;
      }
    }
    return false;
  }

  /** GetRecommendations takes a campaign or a recommender, never both: set one of them. */
  static boolean exclusive(String a, String b) {
    return a.equals("recommenderArn") ? b.equals("campaignArn") : b.equals("recommenderArn");
  }

  /** A well-formed ARN for a field not under test; a recipe's must name a recipe. */
  static String valid(String field) {
    return field.equals("recipeArn") ? "arn:aws:personalize:::recipe/aws-popularity-count" : VALID;
  }

  /** A value other checks accept, so that the ARN is what the call trips on. */
  static Object plausible(String field) {
    return switch (field) {
      case "roleArn" -> "arn:aws:iam::000000000000:role/r";
      case "kmsKeyArn" -> "arn:aws:kms:local:000000000000:key/k";
      case "datasetType" -> "Interactions";
      default -> "x";
    };
  }

  static String refusal(Runnable call) {
    try {
      call.run();
    } catch (InvalidInputException e) {
      return e.getMessage();
    }
    throw new AssertionError("accepted");
  }

  @Test
  void theMessageQuotesAmazonsConstraint() {
    try (OpenPersonalize engine = OpenPersonalize.inMemory()) {
      String m =
          refusal(
              () ->
                  engine
                      .personalize()
                      .describeCampaign(
                          org.openpersonalize.api.model.DescribeCampaignRequest.builder()
                              .campaignArn("my-campaign")
                              .build()));
      assertEquals(
          "campaignArn must satisfy regular expression pattern:"
              + " arn:([a-z\\d-]+):personalize:.*:.*:.+; got: \"my-campaign\"",
          m);
      Map<String, String> iam =
          Map.of("roleArn", "arn:aws:iam::12:role/r", "kmsKeyArn", "arn:aws:kms:x:1:key/k");
      m =
          refusal(
              () ->
                  engine
                      .personalize()
                      .createDatasetGroup(
                          org.openpersonalize.api.model.CreateDatasetGroupRequest.builder()
                              .name("g")
                              .roleArn(iam.get("roleArn"))
                              .build()));
      assertTrue(m.startsWith("roleArn must satisfy regular expression pattern"), m);
      m =
          refusal(
              () ->
                  engine
                      .personalize()
                      .createDatasetGroup(
                          org.openpersonalize.api.model.CreateDatasetGroupRequest.builder()
                              .name("g")
                              .kmsKeyArn(iam.get("kmsKeyArn"))
                              .build()));
      assertTrue(m.startsWith("kmsKeyArn must satisfy regular expression pattern"), m);
    }
  }
}
