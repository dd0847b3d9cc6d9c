package org.openpersonalize.recipes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class ModelIOTest {

  @Test
  void unknownFormatVersionNamesFoundAndSupportedVersions() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ModelIO.header(out, "aws-sims", 7).flush();
    IOException e =
        assertThrows(
            IOException.class,
            () -> new SimsRecipe().readModel(new ByteArrayInputStream(out.toByteArray())));
    assertEquals(
        "model format version of recipe aws-sims must be 1 (the only version this code reads);"
            + " got: 7",
        e.getMessage());
  }

  @Test
  void aRecipeWithTwoFormatVersionsReadsBothAndNamesTheRangeOtherwise() throws IOException {
    // the sequence recipes: 1 as first written, 3 with the repeat propensity and Users metadata,
    // 4 with the metadata taste lift, 5 with the lift's rarity and second fit
    for (int version : new int[] {1, 3, 4, 5}) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ModelIO.header(out, "aws-hrnn-metadata", version).flush();
      ModelIO.Header h =
          ModelIO.readHeader(
              new ByteArrayInputStream(out.toByteArray()), "aws-hrnn-metadata", 1, 5);
      assertEquals(version, h.version());
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ModelIO.header(out, "aws-hrnn-metadata", 6).flush();
    IOException e =
        assertThrows(
            IOException.class,
            () ->
                new org.openpersonalize.recipes.sequence.HrnnMetadataRecipe()
                    .readModel(new ByteArrayInputStream(out.toByteArray())));
    assertEquals(
        "model format version of recipe aws-hrnn-metadata must be in [1, 5] (the versions this"
            + " code reads); got: 6",
        e.getMessage());
  }

  @Test
  void arraysRoundTripAcrossChunkBoundaries() throws IOException {
    float[] floats = new float[(1 << 16) + 3];
    int[] ints = new int[(1 << 16) * 2 + 1];
    for (int i = 0; i < floats.length; i++) {
      floats[i] = i * 0.5f - 7;
    }
    for (int i = 0; i < ints.length; i++) {
      ints[i] = i * 31 - 5;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    ModelIO.writeFloats(out, floats);
    ModelIO.writeInts(out, ints);
    ModelIO.writeDoubles(out, new double[] {Math.PI});
    out.flush();
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
    assertArrayEquals(floats, ModelIO.readFloats(in, "floats"));
    assertArrayEquals(ints, ModelIO.readInts(in, "ints"));
    assertArrayEquals(new double[] {Math.PI}, ModelIO.readDoubles(in, "doubles"));
  }
}
