package org.openpersonalize.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openpersonalize.engine.OpenPersonalize;
import software.amazon.awssdk.awscore.AwsResponse;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.personalize.PersonalizeClient;
import software.amazon.awssdk.services.personalizeevents.PersonalizeEventsClient;
import software.amazon.awssdk.services.personalizeruntime.PersonalizeRuntimeClient;

/**
 * Every operation of the three SDK client interfaces, found by reflection on the interfaces, is
 * either answered by the engine or refused with an {@link UnsupportedOperationException} that names
 * it; and {@code docs/aws-compatibility.md} has exactly one row per operation, marked "not yet"
 * exactly for the refused ones. A newer SDK with more operations fails here until the table and the
 * clients are brought up to date.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperationCoverageTest {
  static final Path DOC = Path.of("..", "docs", "aws-compatibility.md");

  OpenPersonalize engine;
  Map<Class<?>, SdkClient> clients;

  @BeforeAll
  void open() {
    engine = OpenPersonalize.inMemory();
    clients = new LinkedHashMap<>();
    clients.put(PersonalizeClient.class, OpenPersonalizeAws.personalizeClient(engine));
    clients.put(
        PersonalizeRuntimeClient.class, OpenPersonalizeAws.personalizeRuntimeClient(engine));
    clients.put(PersonalizeEventsClient.class, OpenPersonalizeAws.personalizeEventsClient(engine));
  }

  @AfterAll
  void close() {
    clients.values().forEach(SdkClient::close);
    engine.close();
  }

  /** The operations of an SDK client interface: methods taking one request, not paginators. */
  static List<Method> operations(Class<?> client) {
    List<Method> ops = new ArrayList<>();
    for (Method m : client.getMethods()) {
      if (m.getDeclaringClass() == client
          && m.getParameterCount() == 1
          && SdkRequest.class.isAssignableFrom(m.getParameterTypes()[0])
          && !m.getName().endsWith("Paginator")) {
        ops.add(m);
      }
    }
    ops.sort(Comparator.comparing(Method::getName));
    return ops;
  }

  static String operationName(Method m) {
    return Character.toUpperCase(m.getName().charAt(0)) + m.getName().substring(1);
  }

  static Object emptyRequest(Method m) throws ReflectiveOperationException {
    Object builder = m.getParameterTypes()[0].getMethod("builder").invoke(null);
    Method build = builder.getClass().getMethod("build");
    build.setAccessible(true);
    return build.invoke(builder);
  }

  /** Calls each operation with an empty request: true if it is supported. */
  Map<String, Boolean> supported() throws ReflectiveOperationException {
    Map<String, Boolean> out = new TreeMap<>();
    for (Map.Entry<Class<?>, SdkClient> c : clients.entrySet()) {
      for (Method m : operations(c.getKey())) {
        String op = operationName(m);
        boolean ok;
        try {
          Object response = m.invoke(c.getValue(), emptyRequest(m));
          assertNotNull(((AwsResponse) response).sdkHttpResponse(), op);
          ok = true;
        } catch (InvocationTargetException e) {
          Throwable t = e.getCause();
          if (t instanceof UnsupportedOperationException) {
            assertEquals(op + " is not supported by OpenPersonalize yet", t.getMessage());
            ok = false;
          } else {
            // An empty request is bad input for most operations; the point is that the engine
            // answered it, with one of the client's own service exceptions.
            assertTrue(t instanceof AwsServiceException, op + " threw " + t);
            ok = true;
          }
        }
        out.put(c.getKey().getSimpleName() + " " + op, ok);
      }
    }
    return out;
  }

  @Test
  void everyOperationIsAnsweredOrNamedAsUnsupported() throws ReflectiveOperationException {
    Map<String, Boolean> ops = supported();
    assertEquals(71 + 3 + 5, ops.size(), ops.keySet().toString());
    assertEquals(58 + 2 + 3, ops.values().stream().filter(b -> b).count(), ops.toString());
  }

  @Test
  void theRoundTripPropertiesCoverEverySupportedOperation() throws ReflectiveOperationException {
    Set<Class<?>> requests =
        ConversionRoundTripProperties.conversions("toOurs").stream()
            .map(m -> m.getParameterTypes()[0])
            .collect(Collectors.toSet());
    Set<Class<?>> responses =
        ConversionRoundTripProperties.conversions("toSdk").stream()
            .map(Method::getReturnType)
            .collect(Collectors.toSet());
    Map<String, Boolean> supported = supported();
    for (Class<?> client : clients.keySet()) {
      for (Method m : operations(client)) {
        if (supported.get(client.getSimpleName() + " " + operationName(m))) {
          assertTrue(requests.contains(m.getParameterTypes()[0]), m.getName() + " request");
          assertTrue(responses.contains(m.getReturnType()), m.getName() + " response");
        }
      }
    }
  }

  @Test
  void compatibilityTableHasOneRowPerOperationMatchingWhatTheClientsDo()
      throws IOException, ReflectiveOperationException {
    // | `PersonalizeClient` | `CreateDatasetGroup` | supported | ... |
    Pattern row = Pattern.compile("^\\| `(\\w+)` \\| `(\\w+)` \\| (supported|partial|not yet) \\|");
    Map<String, Boolean> documented = new TreeMap<>();
    for (String line : Files.readAllLines(DOC, StandardCharsets.UTF_8)) {
      Matcher m = row.matcher(line);
      if (m.find()) {
        String key = m.group(1) + " " + m.group(2);
        Boolean before = documented.put(key, !m.group(3).equals("not yet"));
        assertEquals(null, before, key + " has two rows");
      }
    }
    Map<String, Boolean> actual = supported();
    assertEquals(
        actual.keySet().stream().collect(Collectors.toList()),
        documented.keySet().stream().collect(Collectors.toList()),
        "rows of " + DOC);
    assertEquals(actual, documented, "supported per " + DOC + " vs what the clients do");
  }

  /** The table's rows, {@code "Client Operation"} to {status, notes}. */
  static Map<String, String[]> rows() throws IOException {
    Pattern row =
        Pattern.compile(
            "^\\| `(\\w+)` \\| `(\\w+)` \\| (supported|partial|not yet) \\|(.*)\\|\\s*$");
    Map<String, String[]> out = new TreeMap<>();
    for (String line : Files.readAllLines(DOC, StandardCharsets.UTF_8)) {
      Matcher m = row.matcher(line);
      if (m.find()) {
        out.put(m.group(1) + " " + m.group(2), new String[] {m.group(3), m.group(4)});
      }
    }
    return out;
  }

  /**
   * Supported versus partial, per request field: a row marked "supported" must honour every field
   * of its request, as the SDK's model declares them; a "partial" row must name each field that is
   * refused or ignored ({@link RequestFieldTreatment}).
   */
  @Test
  void supportedRowsHonourEveryRequestFieldAndPartialRowsNameTheOthers()
      throws IOException, ReflectiveOperationException {
    Map<String, String[]> rows = rows();
    Map<String, Boolean> answered = supported();
    List<String> problems = new ArrayList<>();
    int checked = 0;
    for (Class<?> client : clients.keySet()) {
      for (Method m : operations(client)) {
        String key = client.getSimpleName() + " " + operationName(m);
        if (answered.get(key)) {
          String[] row = rows.get(key);
          problems.addAll(
              RequestFieldTreatment.problems(
                  operationName(m), row[0], row[1], m.getParameterTypes()[0]));
          checked++;
        }
      }
    }
    assertEquals(List.of(), problems);
    assertTrue(checked >= 49, "answered operations checked: " + checked);
  }

  /** The check above is not vacuous: it fails on a "supported" row with an ignored field. */
  @Test
  void theFieldCheckFailsOnASupportedRowWithAnIgnoredOrUnnamedField() {
    Class<?> request =
        software.amazon.awssdk.services.personalize.model.CreateDatasetGroupRequest.class;
    List<String> p = RequestFieldTreatment.problems("CreateDatasetGroup", "supported", "", request);
    assertTrue(
        p.contains(
            "CreateDatasetGroup is marked supported but its field roleArn is IGNORED (no IAM:"
                + " stored and described, never used)"),
        p.toString());
    p =
        RequestFieldTreatment.problems(
            "CreateDatasetGroup", "partial", "`kmsKeyArn` is stored, never used", request);
    assertEquals(
        List.of("CreateDatasetGroup: the notes must name `roleArn` (IGNORED)"), p, p.toString());
    p =
        RequestFieldTreatment.problems(
            "CreateSolution",
            "supported",
            "",
            software.amazon.awssdk.services.personalize.model.CreateSolutionRequest.class);
    assertTrue(
        p.stream().anyMatch(x -> x.contains("its field solutionConfig.eventsConfig is REFUSED")),
        p.toString());
    assertTrue(
        p.stream().anyMatch(x -> x.contains("its field performIncrementalUpdate is REFUSED")),
        p.toString());
    assertFalse(RequestFieldTreatment.testExists("RefusedFieldsTest#noSuchTest"));
  }

  @Test
  void clientsIdentifyTheirService() {
    assertEquals("personalize", clients.get(PersonalizeClient.class).serviceName());
    assertEquals("personalize", clients.get(PersonalizeRuntimeClient.class).serviceName());
    assertEquals("personalize", clients.get(PersonalizeEventsClient.class).serviceName());
    assertEquals(
        "local",
        ((PersonalizeClient) clients.get(PersonalizeClient.class))
            .serviceClientConfiguration()
            .region()
            .id());
  }
}
