package org.openpersonalize.engine.internal.segment;

import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.openpersonalize.api.model.InvalidInputException;
import org.openpersonalize.api.model.PersonalizeException;
import org.openpersonalize.engine.internal.Arns;
import org.openpersonalize.engine.internal.EngineContext;
import org.openpersonalize.engine.internal.Kinds;
import org.openpersonalize.engine.internal.RecipeCatalog;
import org.openpersonalize.engine.internal.Status;
import org.openpersonalize.engine.internal.batch.BatchJob;
import org.openpersonalize.engine.internal.batch.BatchLocation;
import org.openpersonalize.engine.internal.batch.LineScorer;
import org.openpersonalize.engine.internal.filter.FilterParser;
import org.openpersonalize.engine.internal.resource.DatasetRecord;
import org.openpersonalize.engine.internal.resource.FilterRecord;
import org.openpersonalize.engine.internal.resource.SegmentJobRecord;
import org.openpersonalize.engine.internal.resource.SolutionRecord;
import org.openpersonalize.engine.internal.resource.SolutionVersionRecord;
import org.openpersonalize.engine.internal.schema.DatasetType;
import org.openpersonalize.engine.internal.store.DatasetTable;
import org.openpersonalize.engine.internal.store.Resources;
import org.openpersonalize.engine.internal.store.Store;
import org.openpersonalize.engine.internal.training.ModelArtifact;
import org.openpersonalize.engine.internal.training.ModelStore;
import org.openpersonalize.spi.Model;
import org.openpersonalize.spi.Recipe;
import org.openpersonalize.spi.RecipeCapability;

/**
 * One batch segment job as the {@link org.openpersonalize.engine.internal.batch.BatchJobRunner}
 * runs it: its record's locations and status writes, and, once it is in progress, the solution
 * version's model and the scorer of its lines. Before anything is written the input is held to
 * Amazon's limits (spec §7.2, §10): at most {@value #MAX_FILES} input files, and per file at most
 * {@value #MAX_ITEMS} item lines (Item-Affinity) or {@value #MAX_QUERIES} attribute queries
 * (Item-Attribute-Affinity); a job past them fails naming the file.
 */
public final class SegmentJob implements BatchJob {
  /** Spec §10: input files per batch segment job. */
  public static final int MAX_FILES = 1000;

  /** Spec §3.12: items (lines) per input file of an Item-Affinity job. */
  public static final int MAX_ITEMS = 500;

  /** Spec §3.13: queries (lines) per input file of an Item-Attribute-Affinity job. */
  public static final int MAX_QUERIES = 10;

  private final EngineContext ctx;
  private final RecipeCatalog recipes;
  private final ModelStore models;
  private final SegmentJobRecord record;

  /**
   * @param ctx the engine context
   * @param recipes the recipe catalogue
   * @param models where model files are
   * @param record the job as stored
   */
  public SegmentJob(
      EngineContext ctx, RecipeCatalog recipes, ModelStore models, SegmentJobRecord record) {
    this.ctx = ctx;
    this.recipes = recipes;
    this.models = models;
    this.record = record;
  }

  @Override
  public String arn() {
    return record.arn();
  }

  @Override
  public String name() {
    return record.name();
  }

  @Override
  public String input() {
    return record.input();
  }

  @Override
  public String output() {
    return record.output();
  }

  @Override
  public LineScorer open() {
    return ctx.store()
        .read(
            c -> {
              SolutionVersionRecord version =
                  ctx.require(
                      c, Kinds.SOLUTION_VERSION, "solutionVersionArn", record.solutionVersionArn());
              if (version.status() != Status.ACTIVE || version.result() == null) {
                throw new InvalidInputException(
                    "Solution version " + version.arn() + " is no longer ACTIVE");
              }
              SolutionRecord solution =
                  ctx.require(c, Kinds.SOLUTION, "solutionArn", version.solutionArn());
              Recipe recipe = recipes.require("recipeArn", solution.recipeArn());
              boolean byAttributes =
                  recipe.capabilities().contains(RecipeCapability.ATTRIBUTE_SEGMENTS);
              checkLimits(byAttributes, recipe);
              ModelArtifact artifact = models.read(version.result().modelFile(), version.arn());
              Model model;
              try {
                model = recipe.readModel(new ByteArrayInputStream(artifact.payload()));
              } catch (IOException | RuntimeException e) {
                throw new PersonalizeException(
                    "Model file of " + version.arn() + " is damaged: " + e.getMessage(), e);
              }
              String group = solution.datasetGroupArn();
              Object2IntOpenHashMap<String> users = index(artifact.userIds());
              Object2IntOpenHashMap<String> items = index(artifact.itemIds());
              UserFilter filter = null;
              if (record.filterArn() != null) {
                FilterRecord f = ctx.require(c, Kinds.FILTER, "filterArn", record.filterArn());
                filter =
                    new UserFilter(
                        ctx,
                        FilterParser.parse(f.filterExpression()),
                        table(c, group, DatasetType.USERS),
                        table(c, group, DatasetType.INTERACTIONS),
                        users,
                        artifact.userIds().length);
              }
              AttributeMatch attributes =
                  byAttributes
                      ? new AttributeMatch(
                          ctx, table(c, group, DatasetType.ITEMS), items, artifact.itemIds().length)
                      : null;
              return new SegmentScorer(
                  model,
                  artifact.userIds(),
                  items,
                  record.numResults(),
                  version.arn(),
                  filter,
                  attributes);
            });
  }

  private void checkLimits(boolean byAttributes, Recipe recipe) {
    List<Path> files = BatchLocation.inputs(record.input());
    if (files.size() > MAX_FILES) {
      throw new InvalidInputException(
          "A batch segment job reads at most "
              + MAX_FILES
              + " input files; got: "
              + files.size()
              + " in "
              + record.input());
    }
    int max = byAttributes ? MAX_QUERIES : MAX_ITEMS;
    for (Path f : files) {
      long lines = countLines(f);
      if (lines > max) {
        throw new InvalidInputException(
            "Input file "
                + f
                + " has "
                + lines
                + " lines; "
                + recipe.name()
                + " takes at most "
                + max
                + (byAttributes ? " attribute queries" : " items")
                + " per input file. Split the input into more files.");
      }
    }
  }

  /** Non-blank lines, as the runner counts them (it reads the file strictly afterwards). */
  private static long countLines(Path f) {
    try (java.util.stream.Stream<String> lines =
        java.nio.file.Files.lines(f, java.nio.charset.StandardCharsets.UTF_8)) {
      return lines.filter(l -> !l.isBlank()).count();
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new InvalidInputException(
          BatchLocation.INVALID_INPUT + " Cannot read " + f + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Store.Work<Void> update(Status status, String reason, Counts counts) {
    return c -> {
      SegmentJobRecord r = Resources.find(c, Kinds.BATCH_SEGMENT_JOB, record.arn());
      if (r != null) {
        Resources.update(c, r.with(status, reason, counts, ctx.now()));
      }
      return null;
    };
  }

  private DatasetTable table(java.sql.Connection c, String groupArn, DatasetType type)
      throws java.sql.SQLException {
    DatasetRecord dataset = Resources.find(c, Kinds.DATASET, Arns.dataset(groupArn, type));
    return dataset == null ? null : ctx.table(c, dataset);
  }

  private static Object2IntOpenHashMap<String> index(String[] ids) {
    Object2IntOpenHashMap<String> m = new Object2IntOpenHashMap<>(ids.length);
    m.defaultReturnValue(-1);
    for (int i = 0; i < ids.length; i++) {
      m.put(ids[i], i);
    }
    return m;
  }
}
