package org.openpersonalize.api.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The collections of the generated model: deep copies (an "immutable" request cannot be changed by
 * its caller afterwards, also inside {@code metadataColumns}) and nulls inside collections refused
 * with the house message, for every collection setter of every generated builder.
 */
class ModelCollectionsTest {

  @Test
  void metadataColumnsIsCopiedDeeplySoTheCallerCannotChangeTheRequest() {
    List<String> columns = new ArrayList<>(List.of("GENRES"));
    Map<String, List<String>> metadata = new HashMap<>();
    metadata.put("ITEMS", columns);
    GetRecommendationsRequest.Builder b =
        GetRecommendationsRequest.builder().campaignArn("c").metadataColumns(metadata);
    columns.add("YEAR"); // after the setter, before build()
    GetRecommendationsRequest r = b.build();
    columns.add("TITLE"); // after build()
    metadata.put("USERS", List.of("AGE"));

    assertEquals(Map.of("ITEMS", List.of("GENRES")), r.metadataColumns());
    assertThrows(
        UnsupportedOperationException.class, () -> r.metadataColumns().put("X", List.of()));
    assertThrows(
        UnsupportedOperationException.class, () -> r.metadataColumns().get("ITEMS").add("YEAR"));
    // toBuilder() derives a copy that shares nothing mutable either.
    GetRecommendationsRequest derived = r.toBuilder().numResults(5).build();
    assertEquals(Map.of("ITEMS", List.of("GENRES")), derived.metadataColumns());
  }

  @Test
  void rankingRequestMetadataColumnsIsCopiedDeeplyToo() {
    List<String> columns = new ArrayList<>(List.of("GENRES"));
    GetPersonalizedRankingRequest r =
        GetPersonalizedRankingRequest.builder()
            .metadataColumns(new LinkedHashMap<>(Map.of("ITEMS", columns)))
            .inputList(new ArrayList<>(List.of("a", "b")))
            .build();
    columns.clear();
    assertEquals(List.of("GENRES"), r.metadataColumns().get("ITEMS"));
  }

  @Test
  void listsAreCopiedAtTheSetter() {
    List<String> input = new ArrayList<>(List.of("1", "2"));
    GetPersonalizedRankingRequest.Builder b =
        GetPersonalizedRankingRequest.builder().inputList(input);
    input.add("3");
    assertEquals(List.of("1", "2"), b.build().inputList());
  }

  @Test
  void nullInsideAListIsRefusedWithItsPosition() {
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () ->
                GetRecommendationsRequest.builder()
                    .promotions(
                        Arrays.asList(
                            Promotion.builder().name("a").build(),
                            Promotion.builder().name("b").build(),
                            null)));
    assertEquals("promotions[2] must not be null", e.getMessage());
    InvalidInputException varargs =
        assertThrows(
            InvalidInputException.class,
            () -> PutEventsRequest.builder().eventList(Event.builder().build(), null));
    assertEquals("eventList[1] must not be null", varargs.getMessage());
  }

  @Test
  void nullInsideANestedCollectionIsRefusedWithItsPath() {
    Map<String, List<String>> metadata = new LinkedHashMap<>();
    metadata.put("ITEMS", Arrays.asList("GENRES", null));
    InvalidInputException inner =
        assertThrows(
            InvalidInputException.class,
            () -> GetRecommendationsRequest.builder().metadataColumns(metadata));
    assertEquals("metadataColumns[\"ITEMS\"][1] must not be null", inner.getMessage());

    metadata.put("ITEMS", null);
    InvalidInputException value =
        assertThrows(
            InvalidInputException.class,
            () -> GetPersonalizedRankingRequest.builder().metadataColumns(metadata));
    assertEquals("metadataColumns[\"ITEMS\"] must not be null", value.getMessage());

    Map<String, String> filterValues = new HashMap<>();
    filterValues.put(null, "\"x\"");
    InvalidInputException key =
        assertThrows(
            InvalidInputException.class,
            () -> GetRecommendationsRequest.builder().filterValues(filterValues));
    assertEquals("filterValues must not hold a null key", key.getMessage());
  }

  /**
   * Every collection setter of every generated builder, found by reflection, so a new field in
   * model.def is covered without editing this test.
   */
  @Test
  void everyCollectionSetterOfEveryBuilderRefusesNullElements() throws Exception {
    TreeSet<String> covered = new TreeSet<>();
    for (Class<?> type : generatedClasses()) {
      Class<?> builderType = Class.forName(type.getName() + "$Builder");
      for (Method m : builderType.getMethods()) {
        if (m.getDeclaringClass() != builderType || m.getParameterCount() != 1) {
          continue;
        }
        Class<?> p = m.getParameterTypes()[0];
        String expected;
        Object arg;
        if (p == Collection.class) {
          arg = Arrays.asList("ok-looking", null);
          expected = m.getName() + "[1] must not be null";
        } else if (p == Map.class) {
          Map<String, Object> map = new LinkedHashMap<>();
          map.put("k", null);
          arg = map;
          expected = m.getName() + "[\"k\"] must not be null";
        } else if (p.isArray()) {
          arg = java.lang.reflect.Array.newInstance(p.getComponentType(), 1);
          expected = m.getName() + "[0] must not be null";
        } else {
          continue;
        }
        Object builder = type.getMethod("builder").invoke(null);
        InvocationTargetException thrown =
            assertThrows(
                InvocationTargetException.class,
                () -> m.invoke(builder, arg),
                type.getSimpleName() + "." + m.getName());
        Throwable cause = thrown.getCause();
        assertTrue(
            cause instanceof InvalidInputException,
            type.getSimpleName() + "." + m.getName() + " threw " + cause);
        assertEquals(expected, cause.getMessage(), type.getSimpleName() + "." + m.getName());
        covered.add(type.getSimpleName() + "." + m.getName());
      }
    }
    for (String field :
        List.of(
            "GetRecommendationsRequest.promotions",
            "GetPersonalizedRankingRequest.inputList",
            "PutEventsRequest.eventList",
            "Event.impression",
            "PutItemsRequest.items",
            "PutUsersRequest.users",
            "CreateSolutionRequest.tags",
            "GetRecommendationsRequest.metadataColumns",
            "GetPersonalizedRankingRequest.context")) {
      assertTrue(covered.contains(field), field + " not among " + covered);
    }
  }

  /** The generated model classes, read from the generator's marker in the source directory. */
  static List<Class<?>> generatedClasses() throws Exception {
    Path dir = Path.of("src/main/java/org/openpersonalize/api/model");
    List<Class<?>> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files.sorted()::iterator) {
        String name = f.getFileName().toString();
        if (!name.endsWith(".java") || !Files.readString(f).startsWith("// Generated by")) {
          continue;
        }
        Class<?> c =
            Class.forName(
                ModelCollectionsTest.class.getPackageName() + "." + name.replace(".java", ""));
        if (!c.isEnum() && Modifier.isPublic(c.getModifiers())) {
          out.add(c);
        }
      }
    }
    assertTrue(out.size() > 100, "found " + out.size() + " generated classes in " + dir);
    return out;
  }
}
