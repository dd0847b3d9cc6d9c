package org.openpersonalize.engine.internal.training;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.openpersonalize.api.model.InvalidInputException;
import org.openpersonalize.api.model.PersonalizeException;
import org.openpersonalize.api.model.TrainingMode;
import org.openpersonalize.api.model.TrainingType;
import org.openpersonalize.engine.ImportSolutionVersionRequest;
import org.openpersonalize.engine.internal.Check;
import org.openpersonalize.engine.internal.EngineContext;
import org.openpersonalize.engine.internal.Kinds;
import org.openpersonalize.engine.internal.RecipeCatalog;
import org.openpersonalize.engine.internal.Status;
import org.openpersonalize.engine.internal.resource.SolutionRecord;
import org.openpersonalize.engine.internal.resource.SolutionVersionRecord;
import org.openpersonalize.engine.internal.store.Header;
import org.openpersonalize.engine.internal.store.Resources;
import org.openpersonalize.spi.Hyperparameters;
import org.openpersonalize.spi.Model;
import org.openpersonalize.spi.Recipe;

/**
 * Registers a model file trained outside the engine as an {@code ACTIVE} solution version: the file
 * is verified (format, checksum, recipe, payload and dictionaries) before anything is stored,
 * copied into the model store under the version's own name, and recorded with the attributes a
 * trained version has, so serving cannot tell the two apart.
 */
public final class ModelImports {
  private final EngineContext ctx;
  private final RecipeCatalog recipes;
  private final ModelStore models;

  /**
   * Creates the importer.
   *
   * @param ctx the engine context
   * @param recipes the recipe catalogue
   * @param models where the imported model goes
   */
  public ModelImports(EngineContext ctx, RecipeCatalog recipes, ModelStore models) {
    this.ctx = ctx;
    this.recipes = recipes;
    this.models = models;
  }

  /**
   * Imports the request's model as a new version.
   *
   * @param request the request
   * @return the new version's ARN
   */
  public String importVersion(ImportSolutionVersionRequest request) {
    String solutionArn = Check.arn("solutionArn", request.solutionArn());
    if (request.name() != null) {
      Check.name("name", request.name());
    }
    if (request.modelFile() == null) {
      throw new InvalidInputException("modelFile must be given; got: null");
    }
    if (request.numInteractions() != null && request.numInteractions() < 0) {
      throw new InvalidInputException(
          "numInteractions must be >= 0; got: " + request.numInteractions());
    }
    for (Map.Entry<String, Double> m : request.metrics().entrySet()) {
      if (m.getValue() == null || !Double.isFinite(m.getValue())) {
        throw new InvalidInputException(
            "metrics." + m.getKey() + " must be a finite number; got: " + m.getValue());
      }
    }
    SolutionRecord solution =
        ctx.store().read(c -> ctx.require(c, Kinds.SOLUTION, "solutionArn", solutionArn));
    Recipe recipe = recipes.require("recipeArn", solution.recipeArn());
    Hyperparameters hp;
    try {
      hp = recipe.resolveHyperparameters(request.trainingHyperParameters());
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("trainingHyperParameters: " + e.getMessage(), e);
    }
    ModelArtifact verified = readVerified(request, recipe);

    String id = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    String versionArn = solutionArn + "/" + id;
    // The stored copy names the version and dataset group it now belongs to, so serving's
    // identity check (a file copied over another version's is refused) holds for it too.
    ModelArtifact artifact = verified.forVersion(versionArn, solution.datasetGroupArn());
    String file = models.write(TrainingJobs.fileName(versionArn), artifact);
    SolutionVersionRecord.Trained trained =
        new SolutionVersionRecord.Trained(
            file,
            new LinkedHashMap<>(request.metrics()),
            hp.asMap(),
            0.0,
            request.numInteractions(),
            null);
    try {
      ctx.store()
          .inTransaction(
              c -> {
                // The solution may have been deleted while the file was verified and copied.
                SolutionRecord s = ctx.require(c, Kinds.SOLUTION, "solutionArn", solutionArn);
                Instant now = ctx.now();
                Header h =
                    Header.created(
                        versionArn,
                        request.name() == null ? id : request.name(),
                        s.arn(),
                        Status.ACTIVE,
                        now);
                Resources.insert(
                    c,
                    new SolutionVersionRecord(h, TrainingMode.FULL, TrainingType.MANUAL, trained));
                Resources.update(c, s.touched(now));
                return null;
              });
    } catch (RuntimeException e) {
      models.delete(file); // no row refers to it
      throw e;
    }
    ctx.modelsChanged(solution.datasetGroupArn());
    return versionArn;
  }

  /** Reads the file and checks everything serving will rely on, naming what is wrong. */
  private static ModelArtifact readVerified(ImportSolutionVersionRequest request, Recipe recipe) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(request.modelFile());
    } catch (NoSuchFileException e) {
      throw new InvalidInputException(
          "modelFile must be an existing file; got: " + request.modelFile());
    } catch (IOException e) {
      throw new InvalidInputException(
          "modelFile must be a readable file; got: " + request.modelFile() + " (" + e + ")", e);
    }
    ModelArtifact artifact;
    try {
      artifact = ModelArtifact.fromBytes(bytes, request.modelFile().toString());
    } catch (PersonalizeException e) {
      throw new InvalidInputException(
          "modelFile must be an OpenPersonalize model file; got: " + e.getMessage(), e);
    }
    if (!recipe.recipeArn().equals(artifact.recipeArn())) {
      throw new InvalidInputException(
          "modelFile must hold a model of the solution's recipe "
              + recipe.recipeArn()
              + "; got: a model of "
              + artifact.recipeArn());
    }
    Model model;
    try {
      model = recipe.readModel(new ByteArrayInputStream(artifact.payload()));
    } catch (IOException | RuntimeException e) {
      throw new InvalidInputException(
          "modelFile must hold a model payload that "
              + recipe.name()
              + " reads; got: "
              + request.modelFile()
              + " ("
              + e.getMessage()
              + ")",
          e);
    }
    int users = artifact.userIds().length;
    int items = artifact.itemIds().length;
    if (model.numUsers() != users
        || model.numItems() != items
        || artifact.popularity().length != items
        || artifact.itemCreated().length != items) {
      throw new InvalidInputException(
          "modelFile must have dictionaries matching its model; got: "
              + users
              + " user IDs and "
              + items
              + " item IDs for a model of "
              + model.numUsers()
              + " users and "
              + model.numItems()
              + " items");
    }
    for (int p : artifact.popular()) {
      if (p < 0 || p >= items) {
        throw new InvalidInputException(
            "modelFile must list popular items by index below " + items + "; got: " + p);
      }
    }
    Map<String, Integer> seen = new LinkedHashMap<>();
    for (String[] ids : new String[][] {artifact.userIds(), artifact.itemIds()}) {
      seen.clear();
      for (int i = 0; i < ids.length; i++) {
        Integer before = seen.put(ids[i], i);
        if (before != null) {
          throw new InvalidInputException(
              "modelFile must not repeat an ID in its dictionaries; got: \""
                  + ids[i]
                  + "\" at indices "
                  + before
                  + " and "
                  + i);
        }
      }
    }
    return artifact;
  }
}
