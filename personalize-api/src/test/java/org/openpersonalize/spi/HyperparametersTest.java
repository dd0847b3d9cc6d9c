package org.openpersonalize.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HyperparametersTest {
  private static final List<HyperparameterSpec> SPECS =
      List.of(
          HyperparameterSpec.integer("hidden_dimension")
              .defaultValue(149)
              .range(32, 256)
              .tunable(true)
              .description("factors")
              .build(),
          HyperparameterSpec.continuous("max_user_history_length_percentile")
              .stage(HyperparameterSpec.Stage.FEATURIZATION)
              .defaultValue(0.99)
              .range(0.0, 1.0)
              .build(),
          HyperparameterSpec.bool("recency_mask").defaultValue(true).tunable(true).build(),
          HyperparameterSpec.categorical("mode")
              .values("fast", "exact")
              .defaultValue("exact")
              .build());

  @Test
  void defaultsAreTypedAndCanonical() {
    Hyperparameters hp = Hyperparameters.defaults(SPECS);
    assertEquals(149, hp.intValue("hidden_dimension"));
    assertEquals(149.0, hp.doubleValue("hidden_dimension"));
    assertEquals(0.99, hp.doubleValue("max_user_history_length_percentile"));
    assertTrue(hp.booleanValue("recency_mask"));
    assertEquals("exact", hp.stringValue("mode"));
    assertEquals(
        List.of("hidden_dimension", "max_user_history_length_percentile", "recency_mask", "mode"),
        List.copyOf(hp.asMap().keySet()));
    assertTrue(hp.overrides().isEmpty());
  }

  @Test
  void givenValuesAreParsedTrimmedAndCanonicalised() {
    Hyperparameters hp =
        Hyperparameters.of(
            SPECS,
            Map.of(
                "hidden_dimension", " 64 ",
                "recency_mask", "FALSE",
                "max_user_history_length_percentile", "1"));
    assertEquals(64, hp.intValue("hidden_dimension"));
    assertFalse(hp.booleanValue("recency_mask"));
    assertEquals("false", hp.stringValue("recency_mask"));
    assertEquals("1.0", hp.stringValue("max_user_history_length_percentile"));
    assertEquals(
        Map.of(
            "hidden_dimension", "64",
            "recency_mask", "false",
            "max_user_history_length_percentile", "1.0"),
        hp.overrides());
  }

  @Test
  void outOfRangeAndMalformedValuesAreRejectedWithTheRule() {
    assertEquals(
        "hidden_dimension must be an integer in [32, 256]; got: 300",
        message(Map.of("hidden_dimension", "300")));
    assertEquals(
        "hidden_dimension must be an integer in [32, 256]; got: 64.5",
        message(Map.of("hidden_dimension", "64.5")));
    assertEquals(
        "max_user_history_length_percentile must be a number in [0.0, 1.0]; got: NaN",
        message(Map.of("max_user_history_length_percentile", "NaN")));
    assertEquals(
        "recency_mask must be one of [true, false]; got: yes",
        message(Map.of("recency_mask", "yes")));
  }

  @Test
  void unknownNamesAreRejectedWithTheKnownOnes() {
    assertEquals(
        "hyperparameter name must be one of [hidden_dimension, max_user_history_length_percentile,"
            + " recency_mask, mode]; got: bptt",
        message(Map.of("bptt", "3")));
    Hyperparameters hp = Hyperparameters.defaults(SPECS);
    assertThrows(IllegalArgumentException.class, () -> hp.intValue("bptt"));
  }

  @Test
  void readingWithTheWrongTypeFails() {
    Hyperparameters hp = Hyperparameters.defaults(SPECS);
    assertEquals(
        "mode must be read as the CATEGORICAL hyperparameter it is; got: a read as INTEGER",
        assertThrows(IllegalArgumentException.class, () -> hp.intValue("mode")).getMessage());
    assertThrows(IllegalArgumentException.class, () -> hp.booleanValue("mode"));
    assertThrows(IllegalArgumentException.class, () -> hp.doubleValue("recency_mask"));
  }

  @Test
  void withReplacesValuesAndKeepsEarlierOverrides() {
    Hyperparameters hp =
        Hyperparameters.of(SPECS, Map.of("hidden_dimension", "64"))
            .with(Map.of("recency_mask", "false"));
    assertEquals(64, hp.intValue("hidden_dimension"));
    assertFalse(hp.booleanValue("recency_mask"));
    assertEquals(hp, Hyperparameters.of(SPECS, hp.overrides()));
  }

  @Test
  void specBuilderChecksItsOwnDefaultAndShape() {
    assertEquals(
        "x must be an integer in [1, 3]; got: 5",
        assertThrows(
                IllegalArgumentException.class,
                () -> HyperparameterSpec.integer("x").range(1, 3).defaultValue(5).build())
            .getMessage());
    assertEquals(
        "defaultValue of x must be set; got: null",
        assertThrows(IllegalArgumentException.class, () -> HyperparameterSpec.integer("x").build())
            .getMessage());
    assertEquals(
        "values of x must be set on CATEGORICAL only; got: INTEGER",
        assertThrows(
                IllegalArgumentException.class, () -> HyperparameterSpec.integer("x").values("a"))
            .getMessage());
    assertEquals(
        "hyperparameter names must be unique; got: x twice",
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    Hyperparameters.defaults(
                        List.of(
                            HyperparameterSpec.integer("x").defaultValue(1).build(),
                            HyperparameterSpec.integer("x").defaultValue(2).build())))
            .getMessage());
    HyperparameterSpec open =
        HyperparameterSpec.continuous("age").range(1.0, Double.MAX_VALUE).defaultValue(30).build();
    assertEquals("a number >= 1.0", open.rule());
    assertEquals("30.0", open.defaultValue());
  }

  private static String message(Map<String, String> values) {
    return assertThrows(IllegalArgumentException.class, () -> Hyperparameters.of(SPECS, values))
        .getMessage();
  }
}
