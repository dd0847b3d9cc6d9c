package org.openpersonalize.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openpersonalize.engine.sample.Quickstart;

/** The README's main job must keep working: run it and check what it reports. */
class QuickstartTest {
  @TempDir Path dir;

  @Test
  void quickstartImportsEverythingAndFindsItAfterReopen() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Quickstart.run(dir, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(out.contains("Import job import-interactions: ACTIVE"), out);
    assertTrue(out.contains("Import job import-items: ACTIVE"), out);
    assertTrue(out.contains("Import job import-users: ACTIVE"), out);
    assertTrue(out.contains("dataset Interactions: ACTIVE"), out);
    // 1,000 generated users plus the live one, all 2,000 movies.
    assertTrue(out.contains("1,001 users, 2,000 items"), out);
  }
}
