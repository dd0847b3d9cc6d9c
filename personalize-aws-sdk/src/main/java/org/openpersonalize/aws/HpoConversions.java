package org.openpersonalize.aws;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.personalize.model.CategoricalHyperParameterRange;
import software.amazon.awssdk.services.personalize.model.ContinuousHyperParameterRange;
import software.amazon.awssdk.services.personalize.model.HPOConfig;
import software.amazon.awssdk.services.personalize.model.HPOObjective;
import software.amazon.awssdk.services.personalize.model.HPOResourceConfig;
import software.amazon.awssdk.services.personalize.model.HyperParameterRanges;
import software.amazon.awssdk.services.personalize.model.IntegerHyperParameterRange;

/**
 * {@code solutionConfig.hpoConfig} between the AWS SDK's model and ours, field for field (every
 * field is passed through; the engine checks them and refuses {@code metricRegex}).
 */
final class HpoConversions {
  private HpoConversions() {}

  static org.openpersonalize.api.model.HPOConfig toOurs(HPOConfig c) {
    if (c == null) {
      return null;
    }
    org.openpersonalize.api.model.HPOConfig.Builder b =
        org.openpersonalize.api.model.HPOConfig.builder();
    HPOObjective o = c.hpoObjective();
    if (o != null) {
      b.hpoObjective(
          org.openpersonalize.api.model.HPOObjective.builder()
              .type(o.type())
              .metricName(o.metricName())
              .metricRegex(o.metricRegex())
              .build());
    }
    HPOResourceConfig r = c.hpoResourceConfig();
    if (r != null) {
      b.hpoResourceConfig(
          org.openpersonalize.api.model.HPOResourceConfig.builder()
              .maxNumberOfTrainingJobs(r.maxNumberOfTrainingJobs())
              .maxParallelTrainingJobs(r.maxParallelTrainingJobs())
              .build());
    }
    HyperParameterRanges g = c.algorithmHyperParameterRanges();
    if (g != null) {
      List<org.openpersonalize.api.model.IntegerHyperParameterRange> ints = new ArrayList<>();
      for (IntegerHyperParameterRange x : g.integerHyperParameterRanges()) {
        ints.add(
            org.openpersonalize.api.model.IntegerHyperParameterRange.builder()
                .name(x.name())
                .minValue(x.minValue())
                .maxValue(x.maxValue())
                .build());
      }
      List<org.openpersonalize.api.model.ContinuousHyperParameterRange> reals = new ArrayList<>();
      for (ContinuousHyperParameterRange x : g.continuousHyperParameterRanges()) {
        reals.add(
            org.openpersonalize.api.model.ContinuousHyperParameterRange.builder()
                .name(x.name())
                .minValue(x.minValue())
                .maxValue(x.maxValue())
                .build());
      }
      List<org.openpersonalize.api.model.CategoricalHyperParameterRange> cats = new ArrayList<>();
      for (CategoricalHyperParameterRange x : g.categoricalHyperParameterRanges()) {
        cats.add(
            org.openpersonalize.api.model.CategoricalHyperParameterRange.builder()
                .name(x.name())
                .values(x.hasValues() ? x.values() : null)
                .build());
      }
      b.algorithmHyperParameterRanges(
          org.openpersonalize.api.model.HyperParameterRanges.builder()
              .integerHyperParameterRanges(g.hasIntegerHyperParameterRanges() ? ints : null)
              .continuousHyperParameterRanges(g.hasContinuousHyperParameterRanges() ? reals : null)
              .categoricalHyperParameterRanges(g.hasCategoricalHyperParameterRanges() ? cats : null)
              .build());
    }
    return b.build();
  }

  static HPOConfig toSdk(org.openpersonalize.api.model.HPOConfig c) {
    if (c == null) {
      return null;
    }
    HPOConfig.Builder b = HPOConfig.builder();
    if (c.hpoObjective() != null) {
      b.hpoObjective(
          HPOObjective.builder()
              .type(c.hpoObjective().type())
              .metricName(c.hpoObjective().metricName())
              .metricRegex(c.hpoObjective().metricRegex())
              .build());
    }
    if (c.hpoResourceConfig() != null) {
      b.hpoResourceConfig(
          HPOResourceConfig.builder()
              .maxNumberOfTrainingJobs(c.hpoResourceConfig().maxNumberOfTrainingJobs())
              .maxParallelTrainingJobs(c.hpoResourceConfig().maxParallelTrainingJobs())
              .build());
    }
    org.openpersonalize.api.model.HyperParameterRanges g = c.algorithmHyperParameterRanges();
    if (g != null) {
      List<IntegerHyperParameterRange> ints = new ArrayList<>();
      for (org.openpersonalize.api.model.IntegerHyperParameterRange x :
          g.integerHyperParameterRanges()) {
        ints.add(
            IntegerHyperParameterRange.builder()
                .name(x.name())
                .minValue(x.minValue())
                .maxValue(x.maxValue())
                .build());
      }
      List<ContinuousHyperParameterRange> reals = new ArrayList<>();
      for (org.openpersonalize.api.model.ContinuousHyperParameterRange x :
          g.continuousHyperParameterRanges()) {
        reals.add(
            ContinuousHyperParameterRange.builder()
                .name(x.name())
                .minValue(x.minValue())
                .maxValue(x.maxValue())
                .build());
      }
      List<CategoricalHyperParameterRange> cats = new ArrayList<>();
      for (org.openpersonalize.api.model.CategoricalHyperParameterRange x :
          g.categoricalHyperParameterRanges()) {
        cats.add(
            CategoricalHyperParameterRange.builder()
                .name(x.name())
                .values(x.hasValues() ? x.values() : null)
                .build());
      }
      b.algorithmHyperParameterRanges(
          HyperParameterRanges.builder()
              .integerHyperParameterRanges(g.hasIntegerHyperParameterRanges() ? ints : null)
              .continuousHyperParameterRanges(g.hasContinuousHyperParameterRanges() ? reals : null)
              .categoricalHyperParameterRanges(g.hasCategoricalHyperParameterRanges() ? cats : null)
              .build());
    }
    return b.build();
  }
}
