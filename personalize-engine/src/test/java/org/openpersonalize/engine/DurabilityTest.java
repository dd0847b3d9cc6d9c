package org.openpersonalize.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openpersonalize.api.Personalize;
import org.openpersonalize.api.model.CreateDatasetGroupRequest;
import org.openpersonalize.api.model.CreateEventTrackerRequest;
import org.openpersonalize.api.model.Event;
import org.openpersonalize.api.model.PutEventsRequest;
import org.openpersonalize.engine.internal.data.DatasetGroupData;
import org.openpersonalize.engine.internal.store.Store;

/**
 * Failure injection: a child JVM streams PutEvents and is killed ({@code destroyForcibly}, SIGKILL)
 * mid-stream, several times. After each kill the store must reopen intact and hold every event
 * whose call had returned in the child.
 */
class DurabilityTest {
  @TempDir Path dir;

  /** The child: puts batches of 1-10 events forever, printing "ACK k n" after each call returns. */
  public static final class Child {
    public static void main(String[] args) throws Exception {
      Path dir = Path.of(args[0]);
      String trackingId = args[1];
      int round = Integer.parseInt(args[2]);
      try (OpenPersonalize engine = OpenPersonalize.open(dir)) {
        System.out.println("READY");
        System.out.flush();
        for (int batch = 0; ; batch++) {
          int n = 1 + batch % 10;
          List<Event> events = new ArrayList<>();
          for (int j = 0; j < n; j++) {
            events.add(
                Event.builder()
                    .eventType("click")
                    .itemId("r" + round + "-b" + batch + "-e" + j)
                    .sentAt(Instant.ofEpochSecond(1_700_000_000L + batch))
                    .build());
          }
          engine
              .events()
              .putEvents(
                  PutEventsRequest.builder()
                      .trackingId(trackingId)
                      .userId("u" + round)
                      .sessionId("s" + round)
                      .eventList(events)
                      .build());
          System.out.println("ACK " + batch + " " + n);
          System.out.flush();
        }
      }
    }
  }

  @Test
  void killedWriterLosesNoAcknowledgedEvent() throws Exception {
    String trackingId;
    String group;
    try (OpenPersonalize engine = OpenPersonalize.open(dir)) {
      Personalize p = engine.personalize();
      group =
          p.createDatasetGroup(CreateDatasetGroupRequest.builder().name("live").build())
              .datasetGroupArn();
      Fixtures.dataset(
          p,
          group,
          "Interactions",
          Fixtures.schema(p, "interactions", Fixtures.INTERACTIONS_SCHEMA));
      trackingId =
          p.createEventTracker(
                  CreateEventTrackerRequest.builder().name("t").datasetGroupArn(group).build())
              .trackingId();
    }
    Set<String> acknowledged = new HashSet<>();
    int[] killAfter = {40, 7, 120, 1, 75};
    for (int round = 0; round < killAfter.length; round++) {
      Process child =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  Child.class.getName(),
                  dir.toString(),
                  trackingId,
                  Integer.toString(round))
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      try (BufferedReader out =
          new BufferedReader(
              new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        int acks = 0;
        while ((line = out.readLine()) != null) {
          if (line.startsWith("ACK ")) {
            String[] parts = line.split(" ");
            int batch = Integer.parseInt(parts[1]);
            int n = Integer.parseInt(parts[2]);
            for (int j = 0; j < n; j++) {
              acknowledged.add("r" + round + "-b" + batch + "-e" + j);
            }
            if (++acks == killAfter[round]) {
              // Killed while it is in the middle of later calls: some may be half-written.
              child.destroyForcibly();
              break;
            }
          }
        }
      }
      assertTrue(child.waitFor(60, TimeUnit.SECONDS), "child did not die");

      assertEquals("ok", integrityCheck(dir.resolve(Store.DB_FILE)));
      try (OpenPersonalize engine = OpenPersonalize.open(dir)) {
        DatasetGroupData d = engine.trainingData(group);
        Set<String> stored = new HashSet<>();
        for (int i = 0; i < d.interactions().size(); i++) {
          stored.add(d.items().id(d.interactions().item()[i]));
        }
        for (String id : acknowledged) {
          assertTrue(
              stored.contains(id),
              "acknowledged event lost after kill in round " + round + ": " + id);
        }
      }
    }
    assertTrue(
        acknowledged.size() > 100, "too few events to mean anything: " + acknowledged.size());
  }

  private static String integrityCheck(Path db) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
      rs.next();
      return rs.getString(1);
    }
  }
}
