package org.openpersonalize.engine.internal.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import org.openpersonalize.engine.TrainingProgressListener;
import org.openpersonalize.engine.internal.EngineContext;
import org.openpersonalize.engine.internal.Kinds;
import org.openpersonalize.engine.internal.RecipeCatalog;
import org.openpersonalize.engine.internal.Status;
import org.openpersonalize.engine.internal.data.DatasetGroupData;
import org.openpersonalize.engine.internal.data.TrainingDataLoader;
import org.openpersonalize.engine.internal.store.Resource;
import org.openpersonalize.engine.internal.store.Resources;
import org.openpersonalize.spi.Hyperparameters;
import org.openpersonalize.spi.Model;
import org.openpersonalize.spi.Recipe;
import org.openpersonalize.spi.TrainingContext;
import org.openpersonalize.spi.TrainingData;

/**
 * Trains solution versions on the engine's executor: load and featurize the dataset group, check
 * the minimum data, compute offline metrics on held-out users (FULL training only), train the
 * served model on all data, store it, and mark the version {@code ACTIVE} — or {@code CREATE
 * FAILED} with the reason, or {@code CREATE STOPPED} when asked to stop.
 */
public final class TrainingJobs {
  private final EngineContext ctx;
  private final RecipeCatalog recipes;
  private final ModelStore models;
  private final Map<String, Boolean> stopRequested = new ConcurrentHashMap<>();
  private volatile boolean closing;
  private final TrainingProgressListener listener;

  /**
   * Creates the runner.
   *
   * @param ctx the engine context
   * @param recipes the recipe catalogue
   * @param models where trained models go
   * @param listener receives progress, or null
   */
  public TrainingJobs(
      EngineContext ctx,
      RecipeCatalog recipes,
      ModelStore models,
      TrainingProgressListener listener) {
    this.ctx = ctx;
    this.recipes = recipes;
    this.models = models;
    this.listener = listener;
  }

  /** Queues the training of a version stored as {@code CREATE PENDING}. */
  public void submit(String versionArn) {
    try {
      ctx.executor().execute(() -> run(versionArn));
    } catch (RejectedExecutionException e) {
      finish(
          versionArn,
          Status.CREATE_FAILED,
          "The engine was closing; create the version again.",
          null);
    }
  }

  /** Asks a pending or running training to stop. */
  public void requestStop(String versionArn) {
    stopRequested.put(versionArn, Boolean.TRUE);
  }

  /** Stops running trainings at their next check; they end failed and are retried by nobody. */
  public void close() {
    closing = true;
  }

  /** Marks versions a previous engine left pending or training as failed. */
  public void failAbandoned() {
    List<Resource> open =
        ctx.store()
            .read(
                c -> {
                  List<Resource> all = Resources.children(c, Kinds.SOLUTION_VERSION, null);
                  all.removeIf(r -> Status.isTerminal(r.status()));
                  return all;
                });
    for (Resource r : open) {
      finish(
          r.arn(),
          Status.CREATE_STOPPING.equals(r.status()) ? Status.CREATE_STOPPED : Status.CREATE_FAILED,
          "The engine stopped before training finished. Create the version again.",
          null);
    }
  }

  private void run(String versionArn) {
    long t0 = System.nanoTime();
    try {
      Resource version =
          ctx.store().read(c -> Resources.find(c, Kinds.SOLUTION_VERSION, versionArn));
      if (version == null) {
        return;
      }
      if (stopRequested.remove(versionArn) != null
          || !Status.CREATE_PENDING.equals(version.status())) {
        finish(versionArn, Status.CREATE_STOPPED, null, null);
        return;
      }
      setStatus(versionArn, Status.CREATE_IN_PROGRESS);
      if ("UPDATE".equals(version.text("trainingMode"))) {
        update(versionArn, version.parentArn(), t0);
        return;
      }
      Resource solution =
          ctx.store().read(c -> Resources.find(c, Kinds.SOLUTION, version.parentArn()));
      Recipe recipe = recipes.require("recipeArn", solution.text("recipeArn"));
      JsonNode config = solution.attrs().path("solutionConfig");
      Hyperparameters hp = recipe.resolveHyperparameters(parameters(config));
      Featurizer.Selection selection =
          Featurizer.Selection.of(
              solution.text("eventType"),
              config.hasNonNull("eventValueThreshold")
                  ? config.get("eventValueThreshold").asText()
                  : null);
      DatasetGroupData data = TrainingDataLoader.load(ctx, solution.text("datasetGroupArn"));
      Featurizer.Selected selected = Featurizer.select(data, selection);
      String tooLittle = Featurizer.checkMinimum(selected, selection);
      if (tooLittle != null) {
        finish(versionArn, Status.CREATE_FAILED, tooLittle, null);
        return;
      }
      long seed = solution.longValue("seed", 42);
      TrainingContext tc =
          TrainingContext.builder()
              .seed(seed)
              .executor(ctx.trainingExecutor())
              .parallelism(ctx.parallelism())
              .cancellation(() -> closing || stopRequested.containsKey(versionArn))
              .progressListener(
                  (fraction, message) -> progress(versionArn, 0.5 + fraction / 2, message))
              .build();
      boolean full = !"UPDATE".equals(version.text("trainingMode"));
      Map<String, Double> metrics = Map.of();
      if (full) {
        metrics =
            OfflineMetrics.evaluate(recipe, hp, selected, data, data.items().size(), seed, tc);
      }
      TrainingData all = Featurizer.trainingData(data, selected);
      Model model = recipe.train(all, hp, tc);
      java.io.ByteArrayOutputStream payload = new java.io.ByteArrayOutputStream();
      model.writeTo(payload);
      ModelArtifact artifact = artifact(recipe, data, selected, payload.toByteArray());
      String file = models.write(fileName(versionArn), artifact);
      ObjectNode extra = Resources.JSON.createObjectNode();
      extra.put("modelFile", file);
      ObjectNode m = extra.putObject("metrics");
      metrics.forEach(m::put);
      ObjectNode tuned = extra.putObject("tunedHyperParameters");
      hp.asMap().forEach(tuned::put);
      // What the model learned (e.g. repeat propensity), shown beside the hyperparameters.
      model.learnedParameters().forEach(tuned::put);
      extra.put("trainingHours", (System.nanoTime() - t0) / 3.6e12);
      extra.put("numInteractions", selected.size());
      if (stopRequested.remove(versionArn) != null) {
        models.delete(file);
        finish(versionArn, Status.CREATE_STOPPED, null, null);
        return;
      }
      finish(versionArn, Status.ACTIVE, null, extra);
      progress(versionArn, 1.0, "ACTIVE");
    } catch (java.util.concurrent.CancellationException e) {
      stopRequested.remove(versionArn);
      finish(
          versionArn,
          closing ? Status.CREATE_FAILED : Status.CREATE_STOPPED,
          closing ? "The engine was closed during training. Create the version again." : null,
          null);
    } catch (IllegalArgumentException | org.openpersonalize.api.model.PersonalizeException e) {
      finish(versionArn, Status.CREATE_FAILED, "Create failed. " + e.getMessage(), null);
    } catch (RuntimeException | java.io.IOException | Error e) {
      finish(versionArn, Status.CREATE_FAILED, "Create failed. Training error: " + e, null);
    }
  }

  /**
   * trainingMode UPDATE (spec §1.11, §9.6): no relearning. The new version serves the latest FULL
   * version's model; items added to the catalogue since are explored by campaigns (serving reads
   * the catalogue), which is what Amazon's update adds. No offline metrics, as on Amazon.
   */
  private void update(String versionArn, String solutionArn, long t0) {
    Resource full =
        ctx.store()
            .read(
                c -> {
                  for (Resource v : Resources.children(c, Kinds.SOLUTION_VERSION, solutionArn)) {
                    if (Status.ACTIVE.equals(v.status()) && "FULL".equals(v.text("trainingMode"))) {
                      return v;
                    }
                  }
                  return null;
                });
    if (full == null) {
      finish(
          versionArn,
          Status.CREATE_FAILED,
          "Create failed. trainingMode UPDATE needs an ACTIVE FULL solution version of "
              + solutionArn,
          null);
      return;
    }
    ModelArtifact artifact = models.read(full.text("modelFile"));
    String file = models.write(fileName(versionArn), artifact);
    ObjectNode extra = Resources.JSON.createObjectNode();
    extra.put("modelFile", file);
    extra.putObject("metrics");
    extra.set("tunedHyperParameters", full.attrs().path("tunedHyperParameters").deepCopy());
    extra.put("trainingHours", (System.nanoTime() - t0) / 3.6e12);
    extra.put("updatedFrom", full.arn());
    finish(versionArn, Status.ACTIVE, null, extra);
  }

  private void progress(String versionArn, double fraction, String message) {
    if (listener != null) {
      listener.onProgress(versionArn, fraction, message);
    }
  }

  /** The file name of a version's model: its ARN's last two segments. */
  static String fileName(String versionArn) {
    String[] parts = versionArn.split("/");
    return parts[parts.length - 2] + "-" + parts[parts.length - 1] + ".opm";
  }

  private static ModelArtifact artifact(
      Recipe recipe, DatasetGroupData data, Featurizer.Selected s, byte[] payload) {
    String[] users = new String[data.users().size()];
    for (int u = 0; u < users.length; u++) {
      users[u] = data.users().id(u);
    }
    String[] items = new String[data.items().size()];
    for (int i = 0; i < items.length; i++) {
      items[i] = data.items().id(i);
    }
    int[] popularity = Popularity.distinctUsers(s);
    long until = 0;
    for (long t : s.timestamp()) {
      until = Math.max(until, t);
    }
    return new ModelArtifact(
        recipe.recipeArn(),
        until,
        users,
        items,
        Popularity.top(popularity, ModelArtifact.MAX_POPULAR),
        popularity,
        Featurizer.creationTimes(data.itemMetadata(), s),
        payload);
  }

  /** The merged algorithm and featurization parameters of a stored solution config. */
  public static Map<String, String> parameters(JsonNode config) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String key :
        new String[] {"algorithmHyperParameters", "featureTransformationParameters"}) {
      out.putAll(Resources.stringMap(config.path(key)));
    }
    return out;
  }

  private void setStatus(String arn, String status) {
    ctx.store()
        .inTransaction(
            c -> {
              Resource r = Resources.find(c, Kinds.SOLUTION_VERSION, arn);
              if (r != null && !Status.CREATE_STOPPING.equals(r.status())) {
                Resources.update(c, with(r, status, null, null));
              }
              return null;
            });
  }

  private void finish(String arn, String status, String reason, ObjectNode extra) {
    ctx.store()
        .inTransaction(
            c -> {
              Resource r = Resources.find(c, Kinds.SOLUTION_VERSION, arn);
              if (r == null) {
                return null;
              }
              String s = status;
              if (Status.CREATE_STOPPING.equals(r.status()) && Status.ACTIVE.equals(status)) {
                s = Status.CREATE_STOPPED; // a stop that raced the last step still wins
              }
              Resources.update(c, with(r, s, reason, Status.ACTIVE.equals(s) ? extra : null));
              touchSolution(c, r.parentArn());
              return null;
            });
    if (Status.ACTIVE.equals(status)) {
      ctx.modelsChanged();
    }
  }

  private void touchSolution(Connection c, String solutionArn) throws SQLException {
    Resource sol = Resources.find(c, Kinds.SOLUTION, solutionArn);
    if (sol != null) {
      Resources.update(c, with(sol, sol.status(), sol.failureReason(), null));
    }
  }

  private Resource with(Resource r, String status, String reason, ObjectNode extra) {
    if (extra != null) {
      r.attrs().setAll(extra);
    }
    return r.withStatus(status, reason, ctx.now());
  }
}
