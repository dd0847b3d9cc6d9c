package org.openpersonalize.aws;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;

/**
 * How each request field of an answered operation is treated, derived from the SDK's own field
 * descriptions ({@code sdkFields()}) rather than listed by hand: a field is HONOURED when our model
 * carries it (the conversion maps it, which {@link ConversionRoundTripProperties} checks) and it is
 * not listed below; REFUSED when the adapter has no counterpart ({@link
 * ConversionRoundTripProperties#GAPS}) or the engine refuses it when set, each with the test that
 * shows the refusal; IGNORED when it is accepted and stored but changes nothing. A field that is
 * none of these (not carried and not refused) is a problem in itself.
 *
 * <p>The rule for {@code docs/aws-compatibility.md}: a row may say "supported" only if every field
 * of its request is HONOURED; a "partial" row must name each field that is not, in backquotes.
 */
final class RequestFieldTreatment {
  /** The treatment of one field. */
  enum Treatment {
    HONOURED,
    REFUSED,
    IGNORED,
    UNMAPPED
  }

  /**
   * Fields the engine refuses with an InvalidInputException naming them when set (beyond the
   * adapter's {@link ConversionRoundTripProperties#GAPS}), each with the test of this module that
   * shows it, as {@code Class#method} relative to this package.
   */
  static final Map<String, String> REFUSED =
      Map.of(
          "CreateSolutionRequest.performIncrementalUpdate",
              "RefusedFieldsTest#performIncrementalUpdateIsRefused",
          "CreateDatasetImportJobRequest.publishAttributionMetricsToS3",
              "RefusedFieldsTest#publishAttributionMetricsToS3IsRefused",
          "GetRecommendationsRequest.context",
              "examples.AwsSdkWorkflowTest#requestContextIsRefusedNamingTheFieldUntilARecipeUsesIt",
          "GetPersonalizedRankingRequest.context", "RefusedFieldsTest#rankingContextIsRefused");

  /** Fields accepted and stored (described back) that change nothing the engine does. */
  static final Map<String, String> IGNORED =
      Map.of(
          "CreateDatasetGroupRequest.roleArn", "no IAM: stored and described, never used",
          "CreateDatasetGroupRequest.kmsKeyArn", "no KMS: stored and described, never used",
          "CreateDatasetImportJobRequest.roleArn", "no IAM: stored and described, never used",
          "CreateCampaignRequest.minProvisionedTPS", "stored; nothing is provisioned or throttled",
          "UpdateCampaignRequest.minProvisionedTPS", "stored; nothing is provisioned or throttled",
          "Event.impression", "stored with the event; no recipe trains on impressions yet",
          "MetricAttribution.eventAttributionSource",
              "stored with the event; metric attributions are not implemented");

  static final String TEST_PACKAGE = "org.openpersonalize.aws.";

  private RequestFieldTreatment() {}

  /** One field of a request, with its path from the request and its treatment. */
  record FieldTreatment(String key, String path, Treatment treatment, String why) {}

  /** Every field of an SDK request class, nested ones included, with its treatment. */
  static List<FieldTreatment> fields(Class<?> sdkRequest) {
    List<FieldTreatment> out = new ArrayList<>();
    SdkPojo pojo =
        (SdkPojo)
            ConversionRoundTripProperties.build(
                ConversionRoundTripProperties.newSdkBuilder(sdkRequest));
    walk(pojo, "", out, 0);
    return out;
  }

  private static void walk(SdkPojo pojo, String prefix, List<FieldTreatment> out, int depth) {
    String simple = pojo.getClass().getSimpleName();
    Set<String> ours = ourFields(simple);
    for (SdkField<?> f : pojo.sdkFields()) {
      String name = ConversionRoundTripProperties.javaName(f);
      String key = simple + "." + name;
      String path = prefix + name;
      if (ConversionRoundTripProperties.GAPS.contains(key)) {
        out.add(
            new FieldTreatment(
                key,
                path,
                Treatment.REFUSED,
                "ConversionRoundTripProperties#aRequestSettingAGapFieldIsRefusedNamingIt"));
        continue;
      }
      if (REFUSED.containsKey(key)) {
        out.add(new FieldTreatment(key, path, Treatment.REFUSED, REFUSED.get(key)));
      } else if (IGNORED.containsKey(key)) {
        out.add(new FieldTreatment(key, path, Treatment.IGNORED, IGNORED.get(key)));
      } else if (!ours.contains(name)) {
        out.add(new FieldTreatment(key, path, Treatment.UNMAPPED, "not in our " + simple));
      } else {
        out.add(new FieldTreatment(key, path, Treatment.HONOURED, "mapped"));
      }
      SdkField<?> element = f;
      if (f.marshallingType() == MarshallingType.LIST) {
        element = f.getTrait(ListTrait.class).memberFieldInfo();
      } else if (f.marshallingType() == MarshallingType.MAP) {
        element = f.getTrait(MapTrait.class).valueFieldInfo();
      }
      if (element.marshallingType() == MarshallingType.SDK_POJO && depth < 8) {
        SdkPojo nested = (SdkPojo) ConversionRoundTripProperties.build(element.constructor().get());
        walk(nested, path + ".", out, depth + 1);
      }
    }
  }

  /** The fields of our model class of the same simple name, or none if there is no such class. */
  private static Set<String> ourFields(String simpleName) {
    try {
      return ConversionRoundTripProperties.fieldNames(
          Class.forName(ConversionRoundTripProperties.OUR_MODEL + simpleName));
    } catch (ClassNotFoundException e) {
      return Set.of();
    }
  }

  /**
   * What is wrong with one row of the table for an answered operation: a "supported" row whose
   * request has a field that is not honoured, a "partial" row that does not name such a field, a
   * field neither mapped nor refused, or a refusal whose test does not exist.
   */
  static List<String> problems(String operation, String status, String notes, Class<?> request) {
    List<String> out = new ArrayList<>();
    for (FieldTreatment f : fields(request)) {
      switch (f.treatment()) {
        case HONOURED -> {
          continue;
        }
        case UNMAPPED ->
            out.add(
                operation + ": " + f.path() + " is neither mapped nor refused (" + f.why() + ")");
        case REFUSED -> {
          if (!testExists(f.why())) {
            out.add(
                operation + ": " + f.path() + " is refused, but test " + f.why() + " is missing");
          }
        }
        case IGNORED -> {}
      }
      if (status.equals("supported")) {
        out.add(
            operation
                + " is marked supported but its field "
                + f.path()
                + " is "
                + f.treatment()
                + " ("
                + f.why()
                + ")");
      } else if (!named(notes, f.path())) {
        out.add(operation + ": the notes must name `" + f.path() + "` (" + f.treatment() + ")");
      }
    }
    return out;
  }

  /**
   * Whether the notes name a field in backquotes by its path or a tail of it: {@code
   * `eventList.metricAttribution.eventAttributionSource`}, {@code
   * `metricAttribution.eventAttributionSource`} or {@code `eventAttributionSource`}.
   */
  static boolean named(String notes, String path) {
    String tail = path;
    while (true) {
      if (notes.contains("`" + tail + "`")) {
        return true;
      }
      int dot = tail.indexOf('.');
      if (dot < 0) {
        return false;
      }
      tail = tail.substring(dot + 1);
    }
  }

  /** Whether {@code Class#method} names a JUnit test of this module. */
  static boolean testExists(String ref) {
    int hash = ref.indexOf('#');
    try {
      Class<?> c = Class.forName(TEST_PACKAGE + ref.substring(0, hash));
      for (Method m : c.getDeclaredMethods()) {
        if (m.getName().equals(ref.substring(hash + 1))
            && (m.isAnnotationPresent(Test.class)
                || m.isAnnotationPresent(net.jqwik.api.Property.class))) {
          return true;
        }
      }
      return false;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  /** The treatments of a request's fields, by path, for messages. */
  static Map<String, Treatment> byPath(Class<?> request) {
    Map<String, Treatment> out = new LinkedHashMap<>();
    for (FieldTreatment f : fields(request)) {
      out.put(f.path(), f.treatment());
    }
    return out;
  }
}
