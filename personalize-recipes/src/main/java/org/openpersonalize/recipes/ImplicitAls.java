package org.openpersonalize.recipes;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.openpersonalize.spi.Hyperparameters;
import org.openpersonalize.spi.TrainingContext;
import org.openpersonalize.spi.TrainingData;
import org.openpersonalize.spi.TrainingData.CategoricalColumn;

/**
 * Implicit-feedback matrix factorisation by alternating least squares with conjugate-gradient
 * solves.
 *
 * <p>The model is Hu, Koren and Volinsky, "Collaborative Filtering for Implicit Feedback Datasets"
 * (ICDM 2008): every (user, item) cell has preference 1 if the user interacted with the item and 0
 * otherwise, weighted by confidence {@code c = 1 + α·r} where {@code r} is the summed event weight
 * of the pair (0 for the absent cells), and user vectors {@code x_u} and item vectors {@code y_i}
 * minimise {@code Σ c (p − x_u·y_i)² + λ(Σ|x_u|² + Σ|y_i|²)} over all cells. Fixing one side makes
 * each row of the other side an independent ridge regression, {@code (YᵀY + λI + Σ_{i∈u} (c−1) y_i
 * y_iᵀ) x_u = Σ_{i∈u} c y_i}, where the {@code YᵀY} trick makes the cost depend on the user's
 * interactions rather than the catalogue.
 *
 * <p>Rather than forming and factorising that {@code k × k} system per row ({@code O(k³)}), each
 * row takes a few conjugate-gradient steps warm-started from its previous value (Takács, Pilászy
 * and Tikk, "Applications of the conjugate gradient method for implicit feedback collaborative
 * filtering", RecSys 2011). A step needs {@code YᵀY·p} ({@code k²}) plus a dot product and an
 * update per interaction ({@code 2k}), so an iteration costs about {@code 8·k·nnz} multiply-adds
 * for three steps — the same algorithm as the {@code implicit} library, whose CPU solver is the
 * speed reference in TARGETS.md.
 *
 * <p>Each row's update reads only the fixed side's factors and the shared Gram matrix, so rows are
 * solved in parallel blocks and the result is bit-identical for any number of threads; the Gram
 * matrix itself is summed over fixed row blocks in a fixed order for the same reason.
 */
final class ImplicitAls {
  private ImplicitAls() {}

  /**
   * Interactions below which an item counts as cold and is pulled towards its metadata prior;
   * Amazon calls items with fewer than five interactions cold (spec §3.9).
   */
  static final int COLD_INTERACTIONS = 5;

  /** Rows per claimed block in the parallel solves: small enough to balance skewed users. */
  private static final int SOLVE_BLOCK = 64;

  /** Convergence threshold on the squared residual, as in {@code implicit}. */
  private static final float CG_EPSILON = 1e-10f;

  /** Training settings read from a recipe's hyperparameters. */
  record Params(
      int factors,
      int iterations,
      int cgSteps,
      float alpha,
      float lambda,
      boolean recency,
      int bptt,
      double minUserPercentile,
      double maxUserPercentile,
      boolean repeatAwareness,
      float foldInLambda,
      float metadataPriorWeight) {

    static Params from(Hyperparameters hp) {
      return new Params(
          hp.intValue(AlsRecipes.HIDDEN_DIMENSION),
          hp.intValue(AlsRecipes.NUM_ITERATIONS),
          hp.intValue(AlsRecipes.CG_STEPS),
          (float) hp.doubleValue(AlsRecipes.CONFIDENCE_ALPHA),
          (float) hp.doubleValue(AlsRecipes.REGULARIZATION),
          hp.booleanValue(AlsRecipes.RECENCY_MASK),
          hp.intValue(AlsRecipes.BPTT),
          hp.doubleValue(AlsRecipes.MIN_USER_PERCENTILE),
          hp.doubleValue(AlsRecipes.MAX_USER_PERCENTILE),
          hp.booleanValue(AlsRecipes.REPEAT_AWARENESS),
          (float) hp.doubleValue(AlsRecipes.FOLD_IN_REGULARIZATION),
          (float) hp.doubleValue(AlsRecipes.METADATA_PRIOR_WEIGHT));
    }
  }

  static AlsModel train(String recipe, TrainingData data, Params p, TrainingContext ctx) {
    Checks.requireTrainable(data);
    Checks.percentileBand(
        AlsRecipes.MIN_USER_PERCENTILE,
        p.minUserPercentile(),
        AlsRecipes.MAX_USER_PERCENTILE,
        p.maxUserPercentile());
    Checks.factorStorage("numUsers", data.numUsers(), p.factors());
    Checks.factorStorage("numItems", data.numItems(), p.factors());
    ctx.checkCancelled();
    ctx.reportProgress(0, "building the interaction matrix");
    int k = p.factors();
    int numUsers = data.numUsers();
    int numItems = data.numItems();
    int bptt = p.bptt();
    CsrMatrix users =
        CsrMatrix.userItems(
            data, p.recency() ? newer -> AlsModel.recencyWeight(newer, bptt) : null);
    // Values become c − 1 = α·r, the only form the solver needs.
    for (int e = 0; e < users.val.length; e++) {
      users.val[e] *= p.alpha();
    }
    boolean[] excluded = users.rowsOutsidePercentiles(p.minUserPercentile(), p.maxUserPercentile());
    CsrMatrix items = users.transpose(excluded);

    // One array per row: see Vec for why the hot loops want zero-based rows.
    float[][] x = new float[numUsers][k];
    float[][] y = new float[numItems][k];
    // Small positive item vectors, as implicit initialises; users start at zero and are solved
    // first, so they need no initialisation.
    SplittableRandom rng = new SplittableRandom(ctx.seed());
    for (float[] row : y) {
      for (int j = 0; j < k; j++) {
        row[j] = (float) (rng.nextDouble() * 0.01);
      }
    }

    int iterations = p.iterations();
    for (int it = 0; it < iterations; it++) {
      ctx.checkCancelled();
      solveRows(x, users, excluded, y, rows(gram(y, k, p.lambda(), ctx), k), k, p.cgSteps(), ctx);
      ctx.reportProgress(
          0.95 * (it + 0.5) / iterations,
          String.format(Locale.ROOT, "iteration %d of %d: users solved", it + 1, iterations));
      solveRows(y, items, null, x, rows(gram(x, k, p.lambda(), ctx), k), k, p.cgSteps(), ctx);
      ctx.reportProgress(
          0.95 * (it + 1) / iterations,
          String.format(Locale.ROOT, "iteration %d of %d: items solved", it + 1, iterations));
    }

    ctx.reportProgress(0.96, "vectors for cold items and users");
    blendColdItems(data, y, items, k);
    float[] itemFactors = flatten(y, k);
    double[] gramY = gram(y, k, p.lambda(), ctx);
    float[] coldUser = new float[k];
    int trained = 0;
    for (int u = 0; u < numUsers; u++) {
      if (users.length(u) > 0 && !excluded[u]) {
        Vec.axpy(1f, x[u], coldUser, k);
        trained++;
      }
    }
    if (trained > 0) {
      for (int j = 0; j < k; j++) {
        coldUser[j] /= trained;
      }
    }
    // Users left out of training by the history-length percentiles still get a vector: folded in
    // from their own history against the final item vectors.
    Parallel.forRange(
        ctx,
        numUsers,
        SOLVE_BLOCK,
        () -> null,
        (none, from, to) -> {
          for (int u = from; u < to; u++) {
            if (excluded[u]) {
              int start = users.ptr[u];
              int len = users.length(u);
              int[] its = Arrays.copyOfRange(users.idx, start, start + len);
              float[] c1 = Arrays.copyOfRange(users.val, start, start + len);
              x[u] = AlsModel.solveExact(gramY, itemFactors, k, its, c1, len);
            }
          }
        });
    fillColdUsers(data, x, users, excluded, coldUser, k);
    ctx.reportProgress(0.98, "how often users come back to items of their history");
    RepeatPropensity repeat = p.repeatAwareness() ? RepeatPropensity.learn(data) : null;
    // Real-time fold-ins use their own regularisation: a history of a few events needs less
    // shrinkage than training's rows (docs/accuracy.md §3); training's solves above keep gramY.
    double[] gramFold = gramY.clone();
    for (int a = 0; a < k; a++) {
      gramFold[a * k + a] += p.foldInLambda() - p.lambda();
    }
    boolean[] warm = new boolean[numItems];
    for (int i = 0; i < numItems; i++) {
      warm[i] = items.length(i) >= COLD_INTERACTIONS;
    }
    FoldInPrior prior =
        FoldInPrior.build(data, itemFactors, k, warm, p.alpha() * p.metadataPriorWeight());
    ctx.reportProgress(1.0, "trained");
    return new AlsModel(
        recipe,
        k,
        numUsers,
        numItems,
        p.alpha(),
        p.recency(),
        bptt,
        flatten(x, k),
        itemFactors,
        coldUser,
        gramFold,
        repeat,
        prior);
  }

  /** One thread's buffers for {@link #conjugateGradient}. */
  static final class Scratch {
    final float[] r;
    final float[] p;
    final float[] ap;
    final float[] d4 = new float[4];

    Scratch(int k) {
      r = new float[k];
      p = new float[k];
      ap = new float[k];
    }
  }

  /** Solves every non-excluded row of {@code target} against the fixed side. */
  private static void solveRows(
      float[][] target,
      CsrMatrix rows,
      boolean[] excluded,
      float[][] fixed,
      float[][] gram,
      int k,
      int steps,
      TrainingContext ctx) {
    Parallel.forRange(
        ctx,
        rows.rows,
        SOLVE_BLOCK,
        () -> new Scratch(k),
        (scratch, from, to) -> {
          for (int row = from; row < to; row++) {
            if (excluded != null && excluded[row]) {
              continue;
            }
            int s = rows.ptr[row];
            int e = rows.ptr[row + 1];
            if (s == e) {
              // No interactions: the minimiser is the zero vector.
              Arrays.fill(target[row], 0f);
            } else {
              conjugateGradient(
                  target[row], rows.idx, rows.val, s, e, fixed, gram, k, steps, scratch);
            }
          }
        });
  }

  /**
   * A few conjugate-gradient steps on {@code A x = b} for one row, from the row's current value,
   * with {@code A = G + Σ (c−1) y yᵀ} and {@code b = Σ c y} never formed: {@code A v} is computed
   * as {@code G v + Σ (c−1)(y·v) y} over the row's interactions (Takács et al. 2011, Algorithm 3).
   */
  static void conjugateGradient(
      float[] x,
      int[] idx,
      float[] cm1,
      int from,
      int to,
      float[][] y,
      float[][] gram,
      int k,
      int steps,
      Scratch s) {
    float[] r = s.r;
    float[] p = s.p;
    float[] ap = s.ap;
    // r = b − A x
    Vec.symv(gram, x, r, k);
    for (int j = 0; j < k; j++) {
      r[j] = -r[j];
    }
    sparsePass(true, x, r, idx, cm1, from, to, y, k, s.d4);
    System.arraycopy(r, 0, p, 0, k);
    float rsOld = Vec.dot(r, r, k);
    if (rsOld < CG_EPSILON) {
      return;
    }
    for (int step = 0; step < steps; step++) {
      Vec.symv(gram, p, ap, k);
      sparsePass(false, p, ap, idx, cm1, from, to, y, k, s.d4);
      float pAp = Vec.dot(p, ap, k);
      if (!(pAp > 0)) {
        return; // cannot happen for a positive-definite A; guards against float breakdown
      }
      float a = rsOld / pAp;
      Vec.axpy(a, p, x, k);
      Vec.axpy(-a, ap, r, k);
      float rsNew = Vec.dot(r, r, k);
      if (rsNew < CG_EPSILON) {
        return;
      }
      float beta = rsNew / rsOld;
      for (int j = 0; j < k; j++) {
        p[j] = r[j] + beta * p[j];
      }
      rsOld = rsNew;
    }
  }

  /**
   * The part of a CG pass that touches the row's interactions: for each interaction with factor row
   * {@code y} and {@code c1 = c − 1}, {@code out += w·y} where {@code w = c1·(y·v)}, or for the
   * initial residual {@code w = c − c1·(y·v)}. Rows go four at a time, dot products then updates,
   * so each factor row is read from memory once per pass and reused from L1 cache; with the long
   * rows of popular items this halves the memory traffic of separate dot and update passes.
   */
  private static void sparsePass(
      boolean residual,
      float[] v,
      float[] out,
      int[] idx,
      float[] cm1,
      int from,
      int to,
      float[][] y,
      int k,
      float[] d) {
    int e = from;
    for (; e + 3 < to; e += 4) {
      float[] y0 = y[idx[e]];
      float[] y1 = y[idx[e + 1]];
      float[] y2 = y[idx[e + 2]];
      float[] y3 = y[idx[e + 3]];
      Vec.dot4(y0, y1, y2, y3, v, d, k);
      float c0 = cm1[e];
      float c1 = cm1[e + 1];
      float c2 = cm1[e + 2];
      float c3 = cm1[e + 3];
      if (residual) {
        Vec.axpy4(
            (1 + c0) - c0 * d[0],
            y0,
            (1 + c1) - c1 * d[1],
            y1,
            (1 + c2) - c2 * d[2],
            y2,
            (1 + c3) - c3 * d[3],
            y3,
            out,
            k);
      } else {
        Vec.axpy4(c0 * d[0], y0, c1 * d[1], y1, c2 * d[2], y2, c3 * d[3], y3, out, k);
      }
    }
    for (; e < to; e++) {
      float[] y0 = y[idx[e]];
      float c0 = cm1[e];
      float d0 = Vec.dot(y0, v, k);
      Vec.axpy(residual ? (1 + c0) - c0 * d0 : c0 * d0, y0, out, k);
    }
  }

  /**
   * {@code FᵀF + λI} for factor rows {@code F}, in double precision. Rows are summed in blocks
   * whose number depends only on the row count, in parallel, and the block sums are added in block
   * order, so the result is the same for any thread count.
   */
  static double[] gram(float[][] f, int k, float lambda, TrainingContext ctx) {
    int n = f.length;
    int blocks = Math.max(1, Math.min(64, n / 1024));
    int rowsPerBlock = (n + blocks - 1) / blocks;
    double[][] partial = new double[blocks][];
    Parallel.forRange(
        ctx,
        blocks,
        1,
        () -> new float[k][k],
        (acc, from, to) -> {
          for (int b = from; b < to; b++) {
            partial[b] =
                gramBlock(f, b * rowsPerBlock, Math.min(n, (b + 1) * rowsPerBlock), k, acc);
          }
        });
    double[] g = new double[k * k];
    for (double[] part : partial) {
      for (int j = 0; j < g.length; j++) {
        g[j] += part[j];
      }
    }
    for (int a = 0; a < k; a++) {
      g[a * k + a] += lambda;
    }
    return g;
  }

  /** {@code Σ f fᵀ} over rows {@code [from, to)}. */
  private static double[] gramBlock(float[][] f, int from, int to, int k, float[][] acc) {
    double[] g = new double[k * k];
    // Sum 256 rows at a time in float, where the whole-row updates vectorize, then carry into
    // double so that long sums keep their precision.
    for (int start = from; start < to; start += 256) {
      for (float[] row : acc) {
        Arrays.fill(row, 0f);
      }
      int end = Math.min(to, start + 256);
      for (int r = start; r < end; r++) {
        float[] fr = f[r];
        for (int a = 0; a < k; a++) {
          if (fr[a] != 0f) {
            Vec.axpy(fr[a], fr, acc[a], k);
          }
        }
      }
      for (int a = 0; a < k; a++) {
        float[] row = acc[a];
        for (int b = 0; b < k; b++) {
          g[a * k + b] += row[b];
        }
      }
    }
    return g;
  }

  private static float[][] rows(double[] g, int k) {
    float[][] out = new float[k][k];
    for (int a = 0; a < k; a++) {
      for (int b = 0; b < k; b++) {
        out[a][b] = (float) g[a * k + b];
      }
    }
    return out;
  }

  private static float[] flatten(float[][] rows, int k) {
    float[] flat = new float[rows.length * k];
    for (int r = 0; r < rows.length; r++) {
      System.arraycopy(rows[r], 0, flat, r * k, k);
    }
    return flat;
  }

  /**
   * Pulls the vectors of items with fewer than {@link #COLD_INTERACTIONS} users towards their
   * metadata prior, {@code y ← (n·y + 5·prior) / (n + 5)}: an item nobody touched takes the prior
   * outright, and the prior's pull fades as interactions accumulate.
   */
  private static void blendColdItems(TrainingData data, float[][] y, CsrMatrix items, int k) {
    int[] users = new int[data.numItems()];
    for (int i = 0; i < users.length; i++) {
      users[i] = items.length(i);
    }
    blendColdItems(data.itemCategoricalColumns(), MetadataPriors.Rows.of(y), users, k);
  }

  /**
   * {@link #blendColdItems(TrainingData, float[][], CsrMatrix, int)} given each item's number of
   * training users; {@code personalize-spark} counts them on its cluster (through {@link
   * AlsPayload}).
   */
  static void blendColdItems(
      List<CategoricalColumn> columns, MetadataPriors.Rows y, int[] users, int k) {
    int numItems = users.length;
    boolean[] warm = new boolean[numItems];
    boolean[] cold = new boolean[numItems];
    for (int i = 0; i < numItems; i++) {
      warm[i] = users[i] >= COLD_INTERACTIONS;
      cold[i] = !warm[i];
    }
    float[][] priors = MetadataPriors.compute(columns, y, k, warm, cold);
    for (int i = 0; i < numItems; i++) {
      if (priors[i] != null) {
        int n = users[i];
        float keep = (float) n / (n + COLD_INTERACTIONS);
        float pull = 1f - keep;
        float[] row = y.array(i);
        int o = y.offset(i);
        for (int j = 0; j < k; j++) {
          row[o + j] = keep * row[o + j] + pull * priors[i][j];
        }
      }
    }
  }

  /**
   * Users without interactions get the prior of their metadata, or else the mean trained user,
   * whose scores rank items by how broadly they are liked: Amazon's cold-start behaviour of
   * recommending popular items (spec §9.9).
   */
  private static void fillColdUsers(
      TrainingData data, float[][] x, CsrMatrix users, boolean[] excluded, float[] cold, int k) {
    int numUsers = data.numUsers();
    boolean[] warm = new boolean[numUsers];
    boolean[] need = new boolean[numUsers];
    for (int u = 0; u < numUsers; u++) {
      warm[u] = users.length(u) > 0 && !excluded[u];
      need[u] = users.length(u) == 0;
    }
    fillColdUsers(data.userCategoricalColumns(), MetadataPriors.Rows.of(x), warm, need, cold, k);
  }

  /**
   * {@link #fillColdUsers(TrainingData, float[][], CsrMatrix, boolean[], float[], int)} given which
   * users were trained ({@code warm}) and which have no interaction ({@code need}).
   */
  static void fillColdUsers(
      List<CategoricalColumn> columns,
      MetadataPriors.Rows x,
      boolean[] warm,
      boolean[] need,
      float[] cold,
      int k) {
    float[][] priors = MetadataPriors.compute(columns, x, k, warm, need);
    for (int u = 0; u < need.length; u++) {
      if (need[u]) {
        System.arraycopy(priors[u] != null ? priors[u] : cold, 0, x.array(u), x.offset(u), k);
      }
    }
  }
}
