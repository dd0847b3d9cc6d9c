package org.openpersonalize.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openpersonalize.engine.sample.DomainQuickstart;

/** The README's second quickstart (the Domain workflow) must keep working. */
class DomainQuickstartTest {
  @TempDir Path dir;

  @Test
  void everyRecommenderIsActiveAndTheLiveWatchIsFilteredOut() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DomainQuickstart.run(dir, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String out = bytes.toString(StandardCharsets.UTF_8);
    for (String useCase :
        new String[] {
          "aws-vod-top-picks",
          "aws-vod-because-you-watched-x",
          "aws-vod-most-popular",
          "aws-vod-trending-now"
        }) {
      assertTrue(out.matches("(?s).*\\n" + useCase + " +ACTIVE .*"), out);
    }
    String after = out.substring(out.indexOf("After user3 watches "));
    String watched = after.substring(20, after.indexOf(','));
    String picks = after.substring(after.indexOf("top picks: ") + 11);
    assertFalse(picks.contains(watched + " "), "watched " + watched + ": " + picks);
    assertEquals(5, picks.split(", ").length, picks);
  }
}
