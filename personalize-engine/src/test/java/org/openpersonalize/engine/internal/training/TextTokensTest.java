package org.openpersonalize.engine.internal.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TextTokensTest {

  @Test
  void splitsLowerCasesAndKeepsRepeatsInOrder() {
    TextTokens t =
        TextTokens.of(
            new String[] {"A Space-Opera: space, ALIENS & a 2nd ship", null, "", "Déjà vu, space"});
    // space=0 opera=1 aliens=2 2nd=3 ship=4 déjà=5 vu=6; one-letter "A", "a" dropped.
    assertEquals(7, t.numTokens());
    assertArrayEquals(new int[] {0, 6, 6, 6, 9}, t.offsets());
    assertArrayEquals(new int[] {0, 1, 0, 2, 3, 4, 5, 6, 0}, t.tokens());
  }

  @Test
  void noTextGivesEmptyRows() {
    TextTokens t = TextTokens.of(new String[3]);
    assertEquals(0, t.numTokens());
    assertArrayEquals(new int[4], t.offsets());
    assertEquals(0, t.tokens().length);
  }
}
