package org.openpersonalize.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openpersonalize.api.model.CreateDatasetGroupRequest;
import org.openpersonalize.api.model.DescribeDatasetGroupRequest;
import org.openpersonalize.api.model.InternalFailureException;
import org.openpersonalize.api.model.ResourceInUseException;

/**
 * The engine's own failures reach the caller as documented subclasses — {@link
 * InternalFailureException} for the store and {@link ResourceInUseException} for a directory in use
 * — whose message says what failed and what to do, never as the bare {@code PersonalizeException}
 * (issue 12, item 5). One test per site that a test can reach from outside.
 */
class ServiceFailureTypesTest {
  @TempDir Path dir;

  static void sql(Path engineDir, String statement) throws Exception {
    try (Connection c =
            DriverManager.getConnection("jdbc:sqlite:" + engineDir.resolve("personalize.db"));
        Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }

  static String group(OpenPersonalize engine) {
    return engine
        .personalize()
        .createDatasetGroup(CreateDatasetGroupRequest.builder().name("g").build())
        .datasetGroupArn();
  }

  static void describe(OpenPersonalize engine, String arn) {
    engine
        .personalize()
        .describeDatasetGroup(DescribeDatasetGroupRequest.builder().datasetGroupArn(arn).build());
  }

  @Test
  void aDirectoryInUseIsResourceInUse() {
    Path data = dir.resolve("engine");
    try (OpenPersonalize engine = OpenPersonalize.open(data)) {
      ResourceInUseException e =
          assertThrows(ResourceInUseException.class, () -> OpenPersonalize.open(data));
      assertTrue(e.getMessage().contains("close that engine first"), e.getMessage());
    }
  }

  @Test
  void aPathThatCannotBeADirectoryIsAnInternalFailureSayingWhatToCheck() throws Exception {
    Path file = Files.writeString(dir.resolve("plain-file"), "not a directory");
    InternalFailureException e =
        assertThrows(
            InternalFailureException.class, () -> OpenPersonalize.open(file.resolve("engine")));
    assertTrue(
        e.getMessage().startsWith("Cannot open the OpenPersonalize store in"), e.getMessage());
    assertTrue(e.getMessage().contains("then open it again"), e.getMessage());
    assertFalse(e.retryable());
  }

  @Test
  void aStoreOfANewerVersionIsAnInternalFailureNamingBothVersions() throws Exception {
    Path data = dir.resolve("newer");
    OpenPersonalize.open(data).close();
    sql(data, "PRAGMA user_version=99");
    InternalFailureException e =
        assertThrows(InternalFailureException.class, () -> OpenPersonalize.open(data));
    assertTrue(e.getMessage().contains("store version 99"), e.getMessage());
    assertTrue(e.getMessage().contains("open it with that newer version"), e.getMessage());
  }

  @Test
  void unreadableAttributesAreAnInternalFailureNamingTheResource() throws Exception {
    Path data = dir.resolve("attrs");
    String arn;
    try (OpenPersonalize engine = OpenPersonalize.open(data)) {
      arn = group(engine);
    }
    sql(data, "UPDATE resources SET attrs = '{not json' WHERE kind = 'dataset-group'");
    try (OpenPersonalize engine = OpenPersonalize.open(data)) {
      InternalFailureException e =
          assertThrows(InternalFailureException.class, () -> describe(engine, arn));
      assertTrue(e.getMessage().contains(arn), e.getMessage());
      assertTrue(e.getMessage().contains("restore the database from a backup"), e.getMessage());
    }
  }

  @Test
  void anUnknownStatusIsAnInternalFailure() throws Exception {
    Path data = dir.resolve("status");
    String arn;
    try (OpenPersonalize engine = OpenPersonalize.open(data)) {
      arn = group(engine);
    }
    sql(data, "UPDATE resources SET status = 'SIDEWAYS' WHERE kind = 'dataset-group'");
    try (OpenPersonalize engine = OpenPersonalize.open(data)) {
      InternalFailureException e =
          assertThrows(InternalFailureException.class, () -> describe(engine, arn));
      assertTrue(e.getMessage().contains("unknown resource status SIDEWAYS"), e.getMessage());
    }
  }

  @Test
  void tagsGivenBeforeTheTagTableExistedAreListedAfterTheUpgrade() throws Exception {
    Path data = dir.resolve("upgrade");
    String arn;
    try (OpenPersonalize engine = OpenPersonalize.open(data)) {
      arn =
          engine
              .personalize()
              .createDatasetGroup(
                  CreateDatasetGroupRequest.builder()
                      .name("g")
                      .tags(
                          org.openpersonalize.api.model.Tag.builder()
                              .tagKey("team")
                              .tagValue("recs")
                              .build())
                      .build())
              .datasetGroupArn();
    }
    // A version-1 store: no tag table, the create-time tags only in the record's attributes.
    sql(data, "DROP TABLE resource_tags");
    sql(data, "PRAGMA user_version=1");
    try (OpenPersonalize engine = OpenPersonalize.open(data)) {
      assertEquals(
          "team",
          engine
              .personalize()
              .listTagsForResource(
                  org.openpersonalize.api.model.ListTagsForResourceRequest.builder()
                      .resourceArn(arn)
                      .build())
              .tags()
              .get(0)
              .tagKey());
    }
  }
}
