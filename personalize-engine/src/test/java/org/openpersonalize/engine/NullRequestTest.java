package org.openpersonalize.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openpersonalize.api.Personalize;
import org.openpersonalize.api.PersonalizeEvents;
import org.openpersonalize.api.PersonalizeRuntime;
import org.openpersonalize.api.model.InvalidInputException;

/**
 * Every operation of the three clients, given a {@code null} request, refuses it with an
 * InvalidInputException in the house form instead of failing with a NullPointerException inside
 * (issue 12, item 4).
 */
class NullRequestTest {

  @Test
  void everyOperationRefusesANullRequest() throws Exception {
    try (OpenPersonalize engine = OpenPersonalize.inMemory()) {
      List<String> checked = new ArrayList<>();
      checked.addAll(refusesNull(Personalize.class, engine.personalize()));
      checked.addAll(refusesNull(PersonalizeRuntime.class, engine.runtime()));
      checked.addAll(refusesNull(PersonalizeEvents.class, engine.events()));
      assertTrue(checked.contains("getRecommendations"), checked.toString());
      assertTrue(checked.contains("putEvents"), checked.toString());
      assertTrue(checked.size() >= 44, checked.toString());
    }
  }

  private static List<String> refusesNull(Class<?> api, Object client) throws Exception {
    List<String> names = new ArrayList<>();
    for (Method m : api.getMethods()) {
      if (m.getParameterCount() != 1 || m.isDefault()) {
        continue;
      }
      try {
        m.invoke(client, (Object) null);
        throw new AssertionError(m.getName() + "(null) returned normally");
      } catch (InvocationTargetException e) {
        Throwable cause = e.getCause();
        assertEquals(InvalidInputException.class, cause.getClass(), m.getName() + ": " + cause);
        assertEquals("request must not be null", cause.getMessage(), m.getName());
      }
      names.add(m.getName());
    }
    return names;
  }
}
