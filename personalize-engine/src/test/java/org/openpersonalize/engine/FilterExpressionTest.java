package org.openpersonalize.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openpersonalize.api.Personalize;
import org.openpersonalize.api.model.CreateDatasetGroupRequest;
import org.openpersonalize.api.model.CreateFilterRequest;
import org.openpersonalize.api.model.DeleteFilterRequest;
import org.openpersonalize.api.model.DescribeFilterRequest;
import org.openpersonalize.api.model.Filter;
import org.openpersonalize.api.model.InvalidInputException;
import org.openpersonalize.api.model.LimitExceededException;
import org.openpersonalize.api.model.ListFiltersRequest;
import org.openpersonalize.api.model.ResourceAlreadyExistsException;
import org.openpersonalize.api.model.ResourceNotFoundException;

/** CreateFilter, DescribeFilter, ListFilters and DeleteFilter: the language and its errors. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FilterExpressionTest {
  static final String ITEMS =
      "{\"type\":\"record\",\"name\":\"Items\",\"namespace\":\"com.amazonaws.personalize.schema\","
          + "\"fields\":[{\"name\":\"ITEM_ID\",\"type\":\"string\"},"
          + "{\"name\":\"CATEGORY\",\"type\":\"string\",\"categorical\":true},"
          + "{\"name\":\"CATEGORY_L1\",\"type\":\"string\",\"categorical\":true},"
          + "{\"name\":\"CATEGORY_L2\",\"type\":\"string\",\"categorical\":true},"
          + "{\"name\":\"GENRE\",\"type\":\"string\",\"categorical\":true},"
          + "{\"name\":\"PRICE\",\"type\":\"double\"},"
          + "{\"name\":\"DOWNLOAD_COUNT\",\"type\":\"int\"},"
          + "{\"name\":\"DESCRIPTION\",\"type\":\"string\"},"
          + "{\"name\":\"OWNER\",\"type\":\"string\",\"categorical\":true},"
          + "{\"name\":\"AVAILABLE\",\"type\":\"string\",\"categorical\":true},"
          + "{\"name\":\"SOLD_OUT\",\"type\":\"boolean\"},"
          + "{\"name\":\"PLOT\",\"type\":[\"null\",\"string\"],\"textual\":true},"
          + "{\"name\":\"CREATION_TIMESTAMP\",\"type\":\"long\"}],\"version\":\"1.0\"}";
  static final String USERS =
      "{\"type\":\"record\",\"name\":\"Users\",\"namespace\":\"com.amazonaws.personalize.schema\","
          + "\"fields\":[{\"name\":\"USER_ID\",\"type\":\"string\"},"
          + "{\"name\":\"AGE\",\"type\":\"int\"},"
          + "{\"name\":\"MEMBERSHIP_STATUS\",\"type\":\"string\",\"categorical\":true},"
          + "{\"name\":\"MEMBERSHIP\",\"type\":\"string\",\"categorical\":true}],"
          + "\"version\":\"1.0\"}";
  static final String ACTIONS =
      "{\"type\":\"record\",\"name\":\"Actions\",\"namespace\":\"com.amazonaws.personalize.schema\","
          + "\"fields\":[{\"name\":\"ACTION_ID\",\"type\":\"string\"},"
          + "{\"name\":\"VALUE\",\"type\":[\"null\",\"long\"]},"
          + "{\"name\":\"CATEGORY\",\"type\":\"string\",\"categorical\":true},"
          + "{\"name\":\"MEMBERSHIP_LEVEL\",\"type\":\"string\",\"categorical\":true}],"
          + "\"version\":\"1.0\"}";
  static final String ACTION_INTERACTIONS =
      "{\"type\":\"record\",\"name\":\"ActionInteractions\","
          + "\"namespace\":\"com.amazonaws.personalize.schema\","
          + "\"fields\":[{\"name\":\"USER_ID\",\"type\":\"string\"},"
          + "{\"name\":\"ACTION_ID\",\"type\":\"string\"},"
          + "{\"name\":\"TIMESTAMP\",\"type\":\"long\"},"
          + "{\"name\":\"EVENT_TYPE\",\"type\":\"string\"}],\"version\":\"1.0\"}";

  OpenPersonalize engine;
  Personalize p;
  String group;

  @BeforeAll
  void setUp() {
    engine = OpenPersonalize.inMemory();
    p = engine.personalize();
    group =
        p.createDatasetGroup(CreateDatasetGroupRequest.builder().name("shop").build())
            .datasetGroupArn();
    Fixtures.dataset(
        p, group, "Interactions", Fixtures.schema(p, "i", Fixtures.INTERACTIONS_SCHEMA));
    Fixtures.dataset(p, group, "Items", Fixtures.schema(p, "it", ITEMS));
    Fixtures.dataset(p, group, "Users", Fixtures.schema(p, "u", USERS));
    Fixtures.dataset(p, group, "Actions", Fixtures.schema(p, "a", ACTIONS));
    Fixtures.dataset(
        p, group, "Action_Interactions", Fixtures.schema(p, "ai", ACTION_INTERACTIONS));
  }

  @AfterAll
  void tearDown() {
    engine.close();
  }

  /** Spec §5.3, verbatim. */
  static Stream<String> documentedExamples() {
    return Stream.of(
        "EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ($EVENT_TYPE)",
        "EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN (\"click\", \"stream\")",
        "INCLUDE ItemID WHERE Interactions.EVENT_TYPE IN (\"click\")",
        "EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN (\"purchased\")",
        "EXCLUDE ItemID WHERE Items.CATEGORY IN ($CATEGORY)",
        "INCLUDE ItemID WHERE Items.PRICE < CurrentItem.PRICE AND Items.GENRE IN CurrentItem.GENRE",
        "EXCLUDE ItemID WHERE Items.CATEGORY_L1 IN (\"shoe\") AND Items.CATEGORY_L2 NOT IN"
            + " (\"boot\")",
        "INCLUDE ItemID WHERE Items.PRICE <= $PRICE",
        "INCLUDE ItemID WHERE Items.CREATION_TIMESTAMP < $DATE",
        "INCLUDE ItemID WHERE Items.GENRE IN ($GENRE)",
        "INCLUDE ItemID WHERE Items.PRICE < CurrentItem.PRICE AND Items.CREATION_TIMESTAMP >"
            + " $DATE",
        "EXCLUDE ItemID WHERE Items.GENRE IN ($GENRE) IF CurrentUser.AGE = $AGE",
        "INCLUDE ItemID WHERE Items.CATEGORY_L1 IN (\"watch\") AND Items.CATEGORY_L2 IN"
            + " (\"luxury\") IF CurrentUser.AGE > 18",
        "EXCLUDE ItemID WHERE Items.CATEGORY IN (\"shoe\") AND Items.DESCRIPTION NOT IN"
            + " (\"boot\")",
        "INCLUDE ItemID WHERE Items.CATEGORY IN ($CATEGORY) | INCLUDE ItemID WHERE"
            + " Interactions.EVENT_TYPE IN (\"favorite\")",
        "INCLUDE ItemID WHERE Items.GENRE IN ($GENRE) | EXCLUDE ItemID WHERE"
            + " Interactions.EVENT_TYPE IN (\"click\", \"stream\")",
        "INCLUDE UserID WHERE Users.MEMBERSHIP_STATUS IN ($MEMBERSHIP)",
        "EXCLUDE UserID WHERE Users.AGE < $AGE",
        "INCLUDE UserID WHERE Interactions.EVENT_TYPE IN (\"click, rating\")",
        "EXCLUDE UserID WHERE Interactions.EVENT_TYPE IN ($EVENT_TYPE)",
        "INCLUDE ActionID WHERE Action_Interactions.EVENT_TYPE IN ($EVENT_TYPE)",
        "EXCLUDE ActionID WHERE Action_Interactions.EVENT_TYPE IN (\"NOT_TAKEN\")",
        "EXCLUDE ActionID WHERE Actions.CATEGORY IN ($CATEGORY)",
        "INCLUDE ActionID WHERE Actions.VALUE > ($VALUE)",
        "INCLUDE ActionID WHERE Action.MEMBERSHIP_LEVEL IN (\"Premium\") IF CurrentUser.MEMBERSHIP"
            + " = $PREMIUM",
        "EXCLUDE ActionID WHERE Actions.VALUE < ($VALUE) IF CurrentUser.MEMBERSHIP = $PREMIUM",
        "INCLUDE ItemID WHERE Items.OWNER IN (\"in-house\")",
        "INCLUDE ItemID WHERE Items.CREATION_TIMESTAMP > $DATE",
        "INCLUDE ItemID WHERE Items.CATEGORY IN (\"clothing\") AND Items.AVAILABLE IN (\"True\")",
        "INCLUDE ItemID WHERE Items.CATEGORY IN (\"clothing\") OR Items.CREATION_TIMESTAMP >"
            + " $DATE",
        // The console expression-builder example.
        "EXCLUDE ItemID WHERE Items.GENRE IN ($GENRES) | EXCLUDE ItemID WHERE"
            + " Items.DOWNLOAD_COUNT > 200 IF CurrentUser.AGE > 17");
  }

  int seq;

  String create(String expression) {
    return p.createFilter(
            CreateFilterRequest.builder()
                .name("f" + seq++)
                .datasetGroupArn(group)
                .filterExpression(expression)
                .build())
        .filterArn();
  }

  void delete(String arn) {
    p.deleteFilter(DeleteFilterRequest.builder().filterArn(arn).build());
  }

  @ParameterizedTest
  @MethodSource("documentedExamples")
  void everyDocumentedExampleIsAcceptedAndActive(String expression) {
    if (expression.contains(" ActionID ")) {
      // ActionID filters wait for GetActionRecommendations.
      String message = error(expression);
      assertTrue(message.contains("filters are refused until the engine has"), message);
      return;
    }
    String arn = create(expression);
    Filter f = p.describeFilter(DescribeFilterRequest.builder().filterArn(arn).build()).filter();
    assertEquals("ACTIVE", f.status());
    assertEquals(expression, f.filterExpression());
    assertEquals(group, f.datasetGroupArn());
    delete(arn);
  }

  String error(String expression) {
    return assertThrows(InvalidInputException.class, () -> create(expression)).getMessage();
  }

  @Test
  void aFilterCannotMixItemAndUserTargets() {
    String message =
        error("INCLUDE ItemID WHERE Items.GENRE IN (\"a\") | EXCLUDE UserID WHERE Users.AGE < 18");
    assertEquals(
        "Could not create filter. Invalid Expression at position 45: all expressions of a filter"
            + " must have the target of the first one (ItemID); got: UserID",
        message);
  }

  @Test
  void placeholderWithNotInGivesAmazonsMessage() {
    assertEquals(
        "Could not create filter. Invalid input symbol: $CATEGORY. Placeholders are not allowed"
            + " with NOT_IN operator.",
        error("EXCLUDE ItemID WHERE Items.CATEGORY NOT IN ($CATEGORY)"));
  }

  @Test
  void syntaxErrorsNamePositionExpectedAndFound() {
    assertEquals(
        "Could not create filter. Invalid Expression at position 16: expected WHERE, found"
            + " \"WHER\"",
        error("EXCLUDE ItemID WHER Items.GENRE IN (\"a\")"));
    assertEquals(
        "Could not create filter. Invalid Expression at position 1: expected INCLUDE or EXCLUDE,"
            + " found \"REMOVE\"",
        error("REMOVE ItemID WHERE Items.GENRE IN (\"a\")"));
    assertEquals(
        "Could not create filter. Invalid Expression at position 41: expected \")\", found end"
            + " of expression",
        error("INCLUDE ItemID WHERE Items.GENRE IN (\"a\""));
    assertEquals(
        "Could not create filter. Invalid Expression at position 44: expected INCLUDE or"
            + " EXCLUDE, found end of expression",
        error("INCLUDE ItemID WHERE Items.GENRE IN (\"a\") |"));
    assertEquals(
        "Could not create filter. Invalid Expression at position 22: expected a dataset (Items,"
            + " Interactions, Users, Actions, Action_Interactions), found \"Item\"",
        error("INCLUDE ItemID WHERE Item.GENRE IN (\"a\")"));
    assertEquals(
        "Could not create filter. Invalid Expression at position 34: expected IN, NOT IN, =, !=,"
            + " <, <=, > or >=, found \"LIKE\"",
        error("INCLUDE ItemID WHERE Items.GENRE LIKE (\"a\")"));
  }

  @Test
  void schemaRulesAreCheckedWithPositions() {
    assertEquals(
        "Could not create filter. Invalid Expression at position 22: Items.SOLD_OUT is a boolean"
            + " field; boolean fields cannot be filtered on",
        error("INCLUDE ItemID WHERE Items.SOLD_OUT IN (\"true\")"));
    assertTrue(error("INCLUDE ItemID WHERE Items.PLOT IN (\"x\")").contains("textual field"));
    assertTrue(error("INCLUDE ItemID WHERE Items.COLOUR IN (\"x\")").contains("not a field"));
    assertTrue(
        error("INCLUDE ItemID WHERE Items.GENRE IN (\"a\") AND Interactions.EVENT_TYPE IN (\"b\")")
            .contains(
                "position 47: all conditions of an expression must use the dataset of the"
                    + " first one (Items); found Interactions"));
    assertTrue(error("INCLUDE ItemID WHERE Items.GENRE IN (*)").contains("\"*\" is only allowed"));
    assertTrue(error("INCLUDE ItemID WHERE Users.AGE > 3").contains("cannot use the Users"));
    assertTrue(error("INCLUDE ItemID WHERE Items.GENRE < 3").contains("needs a numeric field"));
    assertTrue(
        error("INCLUDE ItemID WHERE Interactions.ITEM_ID IN (\"a\")")
            .contains("only EVENT_TYPE of Interactions"));
    assertTrue(
        error("INCLUDE ItemID WHERE CurrentUser.AGE > 3").contains("only be used in the IF"));
    assertTrue(
        error(
                "INCLUDE ItemID WHERE Items.GENRE IN (\"a\") IF CurrentUser.AGE > 3 OR"
                    + " CurrentUser.AGE < 1")
            .contains("AND only"));
  }

  @Test
  void limitsOfLengthFieldsAndFilterCount() {
    String longValue = "x".repeat(2500);
    assertEquals(
        "filterExpression must be 1-2500 characters; got: 2540 characters",
        error("INCLUDE ItemID WHERE Items.GENRE IN (\"" + longValue + "\")"));
    List<String> parts = new ArrayList<>();
    for (String f :
        List.of(
            "CATEGORY",
            "CATEGORY_L1",
            "CATEGORY_L2",
            "GENRE",
            "DESCRIPTION",
            "OWNER",
            "AVAILABLE",
            "PRICE",
            "DOWNLOAD_COUNT",
            "CREATION_TIMESTAMP")) {
      parts.add("EXCLUDE ItemID WHERE Items." + f + " IN (\"1\")");
    }
    String ten = String.join(" | ", parts);
    delete(create(ten));
    assertTrue(
        error(ten + " | EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN (*)")
            .contains("at most 10 distinct fields; got: 11"));
    List<String> made = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      made.add(create("EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN (\"click\")"));
    }
    assertEquals(
        30,
        p.listFilters(ListFiltersRequest.builder().datasetGroupArn(group).build())
            .filters()
            .size());
    LimitExceededException e =
        assertThrows(
            LimitExceededException.class,
            () -> create("EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN (\"click\")"));
    assertTrue(e.getMessage().contains("at most 30 are allowed"), e.getMessage());
    made.forEach(this::delete);
  }

  @Test
  void namesAreUniqueAndDeletedFiltersAreGone() {
    String arn =
        p.createFilter(
                CreateFilterRequest.builder()
                    .name("unique")
                    .datasetGroupArn(group)
                    .filterExpression("EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN (*)")
                    .build())
            .filterArn();
    assertEquals("arn:aws:personalize:local:000000000000:filter/unique", arn);
    assertThrows(
        ResourceAlreadyExistsException.class,
        () ->
            p.createFilter(
                CreateFilterRequest.builder()
                    .name("unique")
                    .datasetGroupArn(group)
                    .filterExpression("EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN (*)")
                    .build()));
    delete(arn);
    assertThrows(
        ResourceNotFoundException.class,
        () -> p.describeFilter(DescribeFilterRequest.builder().filterArn(arn).build()));
  }
}
