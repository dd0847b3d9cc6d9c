package org.openpersonalize.engine.internal.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openpersonalize.api.model.PersonalizeException;

class ModelArtifactTest {
  static final String V1 = "arn:aws:personalize:local:000000000000:solution/s/0000aaaa";
  static final String V2 = "arn:aws:personalize:local:000000000000:solution/s/0000bbbb";
  static final String G = "arn:aws:personalize:local:000000000000:dataset-group/g";

  static ModelArtifact artifact(String version) {
    return new ModelArtifact(
        version,
        G,
        "arn:aws:personalize:::recipe/aws-popularity-count",
        1_600_000_000L,
        new String[] {"u1", "u2"},
        new String[] {"i1", "i2", "i3"},
        new int[] {2, 0},
        new int[] {1, 0, 2},
        new long[] {0, 0, 5},
        new byte[] {9, 8, 7});
  }

  @Test
  void identityRoundTripsInsideTheChecksum() {
    ModelArtifact read = ModelArtifact.fromBytes(artifact(V1).toBytes(), "m.opm");
    assertEquals(V1, read.solutionVersionArn());
    assertEquals(G, read.datasetGroupArn());
    assertArrayEquals(new byte[] {9, 8, 7}, read.payload());
    assertEquals(read, read.checkBelongsTo(V1, "m.opm"));
  }

  @Test
  void fileOfAnotherVersionIsRefusedNamingBoth() {
    ModelArtifact read = ModelArtifact.fromBytes(artifact(V1).toBytes(), "s-0000bbbb.opm");
    PersonalizeException e =
        assertThrows(PersonalizeException.class, () -> read.checkBelongsTo(V2, "s-0000bbbb.opm"));
    assertEquals(
        "Model file s-0000bbbb.opm belongs to solution version "
            + V1
            + " (dataset group "
            + G
            + "), not to "
            + V2
            + ", and will not be served. Restore that version's own file or create a new solution"
            + " version.",
        e.getMessage());
  }

  @Test
  void formatVersionOneIsRefusedWithAClearMessage() {
    byte[] b = artifact(V1).toBytes();
    b[11] = 1; // the format version int follows the 8-byte magic (big-endian)
    rewriteCrc(b);
    PersonalizeException e =
        assertThrows(PersonalizeException.class, () -> ModelArtifact.fromBytes(b, "old.opm"));
    assertTrue(
        e.getMessage().startsWith("Model file old.opm has format version 1"), e.getMessage());
    assertTrue(e.getMessage().contains("reads format version 2"), e.getMessage());
  }

  @Test
  void forVersionRestampsTheIdentityForAnUpdateVersion() {
    ModelArtifact copy = ModelArtifact.fromBytes(artifact(V1).forVersion(V2).toBytes(), "x");
    assertEquals(V2, copy.solutionVersionArn());
    assertEquals(G, copy.datasetGroupArn());
  }

  @Test
  void storeChecksIdentityAndSweepsOrphans(@TempDir Path dir) throws Exception {
    ModelStore store = new ModelStore(dir);
    store.write("s-0000aaaa.opm", artifact(V1));
    store.write("s-0000bbbb.opm", artifact(V2));
    assertEquals(V1, store.read("s-0000aaaa.opm", V1).solutionVersionArn());
    assertThrows(PersonalizeException.class, () -> store.read("s-0000aaaa.opm", V2));
    Files.write(dir.resolve("models/s-0000cccc.opm.tmp"), new byte[] {1});
    Files.writeString(dir.resolve("models/keep.txt"), "x");
    assertEquals(
        List.of("s-0000bbbb.opm", "s-0000cccc.opm.tmp"),
        store.removeOrphans(Set.of("s-0000aaaa.opm")));
    assertTrue(Files.exists(dir.resolve("models/keep.txt")));
    store.write("s-0000dddd.opm", artifact(V2));
    Files.write(dir.resolve("models/s-0000dddd.opm.tmp"), new byte[] {1});
    store.discard("s-0000dddd.opm");
    assertEquals(List.of(), store.removeOrphans(Set.of("s-0000aaaa.opm")));

    ModelStore memory = new ModelStore(null);
    memory.write("m.opm", artifact(V1));
    assertThrows(PersonalizeException.class, () -> memory.read("m.opm", V2));
    assertEquals(List.of("m.opm"), memory.removeOrphans(Set.of()));
  }

  private static void rewriteCrc(byte[] b) {
    CRC32 crc = new CRC32();
    crc.update(b, 0, b.length - 8);
    long v = crc.getValue();
    for (int i = 0; i < 8; i++) {
      b[b.length - 1 - i] = (byte) (v >>> (8 * i));
    }
  }
}
