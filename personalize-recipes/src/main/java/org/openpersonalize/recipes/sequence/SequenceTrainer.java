package org.openpersonalize.recipes.sequence;

import it.unimi.dsi.fastutil.ints.IntArrays;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.openpersonalize.recipes.Checks;
import org.openpersonalize.recipes.Parallel;
import org.openpersonalize.recipes.RepeatPropensity;
import org.openpersonalize.spi.HyperparameterSpec;
import org.openpersonalize.spi.TrainingContext;
import org.openpersonalize.spi.TrainingData;

/**
 * Trains a {@link SequenceEncoder} — the v2 recipes' {@link SelfAttentionEncoder} or the HRNN
 * recipes' {@link GruEncoder} — to predict each user's next interaction from the ones before it,
 * with a sampled softmax over many negatives and Adam. One loop for both, so the encoders differ in
 * their architecture only, never in loss, sampling, optimiser or determinism.
 *
 * <p><b>Loss.</b> Every position of a user's sequence is a training example: the state after items
 * {@code 0 .. t} should rank item {@code t+1} first. Its logit competes, in a softmax, with the
 * logits of {@code num_negatives} items drawn once per mini-batch and shared by all its positions
 * (all items when the catalogue is no larger than that: a full softmax). This is the loss the
 * published comparisons single out — Klenitskiy &amp; Vasilev (SASRec+, RecSys 2023), Petrov &amp;
 * Macdonald (gSASRec, RecSys 2023) — as what lifts SASRec from its original one-negative binary
 * loss to the level of BERT4Rec and beyond. A share ({@code negative_popularity_share}) of the
 * negatives is drawn in proportion to how often items are targets, the rest uniformly, and every
 * logit is corrected by its item's log sampling probability (log-Q), so the sampled softmax still
 * estimates the full one. Each example's loss is multiplied by its event weight ({@code
 * eventsConfig}, spec §9.2) and, with {@code apply_recency_bias}, by a factor rising linearly from
 * 0.5 for the oldest to 1 for the newest interaction in the data.
 *
 * <p><b>Determinism on two cores.</b> A mini-batch is cut into {@link #SHARDS} fixed slices; each
 * slice writes its gradient into its own buffer, whichever thread runs it, and the buffers are
 * added in slice order. Negatives come from the run's random stream in batch order, and each
 * sequence's dropout masks from a stream seeded by (seed, epoch, user). So the model bytes depend
 * on the seed and the data only, never on the thread count or scheduling.
 */
final class SequenceTrainer {
  static final int SHARDS = 4;
  static final double BETA1 = 0.9;
  static final double BETA2 = 0.98;
  static final double ADAM_EPS = 1e-8;

  /**
   * The training settings a recipe resolves from its hyperparameters.
   *
   * @param epochs passes over the data, or 0 for {@link #epochs(Config, int)}'s choice
   * @param autoSteps Adam steps the automatic choice of passes aims at
   * @param autoMinEpochs the fewest passes it chooses
   * @param autoMaxEpochs the most passes it chooses
   * @param tasteWeight the metadata taste lift's weight ({@link ItemTaste}), 0 for none
   * @param tasteHistory the history length at which that lift is halved
   * @param tasteRarity how much more a rare shared value lifts ({@link ItemTaste})
   */
  record Config(
      int hiddenDimension,
      int maxLength,
      int epochs,
      int autoSteps,
      int autoMinEpochs,
      int autoMaxEpochs,
      double learningRate,
      int negatives,
      double dropout,
      int batchSize,
      boolean recencyBias,
      double minUserPercentile,
      double maxUserPercentile,
      double popularityShare,
      double tasteWeight,
      double tasteHistory,
      double tasteRarity) {}

  static final String MIN_USER_PERCENTILE = "min_user_history_length_percentile";
  static final String NEGATIVE_POPULARITY_SHARE = "negative_popularity_share";

  /**
   * The negative-sampling share both families declare: default 0.5, chosen on validation splits of
   * MovieLens 100K and ml-latest-small (docs/decisions.md, "Sequence recipes").
   */
  static HyperparameterSpec popularityShareSpec() {
    return HyperparameterSpec.continuous(NEGATIVE_POPULARITY_SHARE)
        .defaultValue(0.5)
        .range(0.0, 0.95)
        .tunable(true)
        .description(
            "Share of the negatives drawn in proportion to how often items are targets (the"
                + " rest uniformly), with every logit corrected by its item's sampling"
                + " probability (log-Q), so frequent items are pushed down as often as they"
                + " are pulled up.")
        .build();
  }

  static final String MAX_USER_PERCENTILE = "max_user_history_length_percentile";

  /** Each user's positive events, oldest first, in parallel arrays. */
  record Sequences(int[][] items, float[][] weights, long[][] times, long minTime, long maxTime) {}

  private SequenceTrainer() {}

  static Sequences sequences(TrainingData data) {
    int nu = data.numUsers();
    int[] count = new int[nu];
    int n = data.numInteractions();
    for (int k = 0; k < n; k++) {
      if (data.weight(k) > 0) {
        count[data.userIdx(k)]++;
      }
    }
    int[][] order = new int[nu][];
    for (int u = 0; u < nu; u++) {
      order[u] = new int[count[u]];
      count[u] = 0;
    }
    long minTime = Long.MAX_VALUE;
    long maxTime = Long.MIN_VALUE;
    for (int k = 0; k < n; k++) {
      if (data.weight(k) > 0) {
        int u = data.userIdx(k);
        order[u][count[u]++] = k;
        minTime = Math.min(minTime, data.timestamp(k));
        maxTime = Math.max(maxTime, data.timestamp(k));
      }
    }
    int[][] items = new int[nu][];
    float[][] weights = new float[nu][];
    long[][] times = new long[nu][];
    for (int u = 0; u < nu; u++) {
      int[] ks = order[u];
      // by time, ties in stored order, so equal timestamps keep the order they were recorded in
      IntArrays.mergeSort(
          ks,
          (x, y) -> {
            int c = Long.compare(data.timestamp(x), data.timestamp(y));
            return c != 0 ? c : Integer.compare(x, y);
          });
      items[u] = new int[ks.length];
      weights[u] = new float[ks.length];
      times[u] = new long[ks.length];
      for (int e = 0; e < ks.length; e++) {
        items[u][e] = data.itemIdx(ks[e]);
        weights[u][e] = data.weight(ks[e]);
        times[u][e] = data.timestamp(ks[e]);
      }
    }
    return new Sequences(items, weights, times, minTime, maxTime);
  }

  /** Builds a recipe's encoder once the catalogue and the event-type buckets are known. */
  interface EncoderFactory {
    SequenceEncoder create(int numItems, int numBuckets);
  }

  /**
   * Trains an encoder on every user's interactions in time order and returns the servable model.
   *
   * @param encoders the recipe's encoder
   * @param meta item metadata rows to learn with the items (HRNN-Metadata, -Coldstart), or null
   */
  static SequenceModel train(
      String recipe,
      TrainingData data,
      Config cfg,
      EncoderFactory encoders,
      ItemMetadata meta,
      TrainingContext ctx) {
    return train(recipe, data, cfg, encoders, meta, null, ctx);
  }

  /**
   * As {@link #train(String, TrainingData, Config, EncoderFactory, ItemMetadata, TrainingContext)},
   * with user metadata whose term is added to every state before the output layer ({@link
   * UserMetadata}).
   *
   * @param userMeta the Users dataset's values to learn (HRNN-Metadata, -Coldstart), or null
   */
  static SequenceModel train(
      String recipe,
      TrainingData data,
      Config cfg,
      EncoderFactory encoders,
      ItemMetadata meta,
      UserMetadata userMeta,
      TrainingContext ctx) {
    Checks.requireTrainable(data);
    Checks.percentileBand(
        MIN_USER_PERCENTILE, cfg.minUserPercentile(), MAX_USER_PERCENTILE, cfg.maxUserPercentile());
    ctx.checkCancelled();
    ctx.reportProgress(0, "ordering each user's interactions by time");
    Sequences seq = sequences(data);
    int numItems = data.numItems();
    int numUsers = data.numUsers();
    float[] allWeights = new float[data.numInteractions()];
    int nw = 0;
    for (int k = 0; k < data.numInteractions(); k++) {
      if (data.weight(k) > 0) {
        allWeights[nw++] = data.weight(k);
      }
    }
    EventBuckets buckets = EventBuckets.of(allWeights, nw);
    int d = cfg.hiddenDimension();
    SequenceEncoder enc = encoders.create(numItems, buckets.size());
    SplittableRandom rng = new SplittableRandom(ctx.seed());
    float[][] encoderPrm = enc.initialParameters(rng.split());
    // Metadata value rows follow the encoder's rows, so Adam and the reduction treat them like any
    // other dense row; the encoder itself reads the effective item rows (see ItemMetadata).
    int valueRow = enc.numRows;
    float[][] prm = encoderPrm;
    float[][] view = encoderPrm;
    if (meta != null) {
      prm = Arrays.copyOf(encoderPrm, enc.numRows + meta.numValues);
      SplittableRandom vr = rng.split();
      double std = 1 / Math.sqrt(d);
      for (int v = 0; v < meta.numValues; v++) {
        float[] row = new float[d];
        for (int j = 0; j < d; j++) {
          row[j] = (float) (SequenceEncoder.gaussian(vr) * std);
        }
        prm[valueRow + v] = row;
      }
      view = Arrays.copyOf(encoderPrm, enc.numRows);
      for (int i = 0; i < numItems; i++) {
        view[i] = new float[d];
      }
      meta.effective(prm, valueRow, view, d);
    }
    // User value rows go last and start at zero: the user term begins as nothing and grows only as
    // far as it helps the loss (UserMetadata).
    int userRow = prm.length;
    if (userMeta != null) {
      prm = Arrays.copyOf(prm, userRow + userMeta.numValues);
      for (int v = 0; v < userMeta.numValues; v++) {
        prm[userRow + v] = new float[d];
      }
    }
    final UserMetadata.Training userTerm =
        userMeta == null ? null : userMeta.training(prm, userRow, enc.maxLen, d);
    float[][] m1 = new float[prm.length][d];
    float[][] m2 = new float[prm.length][d];

    // A user's history is cut, from the newest event back, into windows of max_history_length
    // predictions each, so every interaction is a target in every epoch (not only the newest
    // max_history_length); each window starts without context, as a request would. Users outside
    // the history-length percentiles train nothing but are still encoded for serving.
    boolean[] excluded =
        outsidePercentiles(seq.items(), cfg.minUserPercentile(), cfg.maxUserPercentile());
    int trainable = 0;
    for (int u = 0; u < numUsers; u++) {
      int len = seq.items()[u].length;
      if (len >= 2 && !excluded[u]) {
        trainable += (len - 2) / cfg.maxLength() + 1;
      }
    }
    long[] users = new long[trainable];
    for (int u = 0, c = 0; u < numUsers; u++) {
      if (excluded[u]) {
        continue;
      }
      for (int end = seq.items()[u].length - 1; end >= 1; end -= cfg.maxLength()) {
        users[c++] = (long) u << 32 | end;
      }
    }
    boolean full = numItems <= cfg.negatives();
    int m = full ? numItems : cfg.negatives();
    int[] negatives = new int[m];
    // Popularity-mixed negatives: a share of each batch's negatives is the item of a random
    // training
    // target (so frequent items compete about as often as they are targets), the rest uniform;
    // every logit is then corrected by the log of its item's proposal probability (log-Q), so the
    // softmax still estimates the full one (Bengio & Senecal 2008; Yi et al., RecSys 2019). With
    // uniform draws alone, on a catalogue of 10 k items the few hundred items that are most of the
    // targets are each a negative in a few percent of steps and end up ranked too high against one
    // another (docs/accuracy.md §8).
    double share = full ? 0 : cfg.popularityShare();
    int[] eventItems = share > 0 ? eventItems(seq, excluded) : null;
    float[] logQ =
        eventItems == null || eventItems.length == 0 ? null : logQ(eventItems, numItems, share);
    if (logQ == null) {
      share = 0;
    }
    int[] stamp = new int[numItems];
    int stampValue = 0;
    if (full) {
      for (int i = 0; i < numItems; i++) {
        negatives[i] = i;
      }
    }
    SequenceGradient[] grads = new SequenceGradient[SHARDS];
    for (int s = 0; s < SHARDS; s++) {
      grads[s] = new SequenceGradient(numItems, prm.length, d);
    }
    // One scratch per shard rather than per thread, allocated once: a shard's work is the same
    // whichever thread claims it.
    ShardState[] states = new ShardState[SHARDS];
    for (int s = 0; s < SHARDS; s++) {
      states[s] = new ShardState(enc, m, logQ);
    }
    double[] shardWeight = new double[SHARDS];
    double[] shardLoss = new double[SHARDS];
    int batch = cfg.batchSize();
    long step = 0;
    int epochs = trainable == 0 ? 0 : epochs(cfg, trainable);
    final float[][] fwd = view;
    for (int epoch = 0; epoch < epochs; epoch++) {
      shuffle(users, rng);
      double epochLoss = 0;
      double epochWeight = 0;
      for (int from = 0; from < users.length; from += batch) {
        ctx.checkCancelled();
        int to = Math.min(users.length, from + batch);
        if (!full) {
          drawNegatives(rng, share, eventItems, numItems, stamp, ++stampValue, negatives, m);
        }
        final int bFrom = from;
        final int bTo = to;
        final int ep = epoch;
        Parallel.forRange(
            ctx,
            SHARDS,
            1,
            () -> null,
            (unused, s0, s1) -> {
              for (int s = s0; s < s1; s++) {
                int lo = bFrom + (int) ((long) (bTo - bFrom) * s / SHARDS);
                int hi = bFrom + (int) ((long) (bTo - bFrom) * (s + 1) / SHARDS);
                double[] lw =
                    runShard(
                        enc,
                        fwd,
                        seq,
                        buckets,
                        cfg,
                        ctx.seed(),
                        ep,
                        users,
                        lo,
                        hi,
                        negatives,
                        m,
                        states[s],
                        grads[s],
                        userTerm);
                shardLoss[s] = lw[0];
                shardWeight[s] = lw[1];
              }
            });
        double total = 0;
        for (int s = 0; s < SHARDS; s++) {
          total += shardWeight[s];
          epochLoss += shardLoss[s];
        }
        epochWeight += total;
        reduce(grads);
        if (meta != null) {
          meta.backpropagate(grads[0], valueRow);
        }
        step++;
        if (total > 0) {
          adam(prm, grads[0].rows, m1, m2, d, cfg.learningRate(), step, (float) (1 / total));
          if (meta != null) {
            meta.effective(prm, valueRow, view, d);
          }
        }
        for (SequenceGradient g : grads) {
          g.clear();
        }
      }
      ctx.reportProgress(
          0.95 * (epoch + 1) / epochs,
          String.format(
              java.util.Locale.ROOT,
              "epoch %d of %d, mean loss %.4f",
              epoch + 1,
              epochs,
              epochWeight == 0 ? 0 : epochLoss / epochWeight));
    }
    ctx.reportProgress(0.96, "encoding every user's latest interactions");
    float[][] served = view;
    if (meta != null) {
      served = Arrays.copyOf(view, enc.numRows);
    }
    float[][] userStates = new float[numUsers][];
    final float[][] servedPrm = served;
    Parallel.forRange(
        ctx,
        numUsers,
        64,
        enc::newWork,
        (w, u0, u1) -> {
          for (int u = u0; u < u1; u++) {
            int[] items = seq.items()[u];
            if (items.length == 0) {
              continue;
            }
            int n = Math.min(items.length, enc.maxLen);
            int off = items.length - n;
            fillInputs(w, enc, seq, buckets, u, off, n);
            enc.forward(servedPrm, w, n, null, 0f);
            userStates[u] = w.h[n - 1].clone();
            if (userTerm != null) {
              userTerm.addTo(u, userStates[u]);
            }
          }
        });
    float[] cold = new float[numItems];
    int[] counts = new int[numItems];
    for (int u = 0; u < numUsers; u++) {
      for (int i : seq.items()[u]) {
        counts[i]++;
      }
    }
    for (int i = 0; i < numItems; i++) {
      cold[i] = (float) Math.log1p(counts[i]);
    }
    ctx.reportProgress(0.99, "learning how often users return to items they have had");
    RepeatPropensity repeat = RepeatPropensity.learn(data);
    ctx.reportProgress(1, "trained");
    return new SequenceModel(
        recipe,
        enc,
        served,
        buckets,
        userStates,
        cold,
        repeat,
        epochs,
        userMeta,
        userMeta == null ? null : Arrays.copyOfRange(prm, userRow, userRow + userMeta.numValues),
        cfg.tasteWeight() == 0 || !ItemMetadata.available(data)
            ? null
            : ItemTaste.of(
                meta != null ? meta : ItemMetadata.of(data),
                (float) cfg.tasteWeight(),
                (float) cfg.tasteHistory(),
                (float) cfg.tasteRarity()));
  }

  /**
   * Passes over the data: {@code num_epochs} when given, else (0, the default) enough passes for
   * about {@link Config#autoSteps} Adam steps, within {@link Config#autoMinEpochs} and {@link
   * Config#autoMaxEpochs}. What a model learns depends on how many steps it takes more than on how
   * many passes: on validation splits of 100 k-interaction datasets (76 steps per pass) quality
   * still rose from 20 to 80 passes, while 1 M interactions give 800 steps per pass
   * (docs/accuracy.md §8).
   *
   * @param windows training windows per pass
   */
  static int epochs(Config cfg, int windows) {
    if (cfg.epochs() > 0) {
      return cfg.epochs();
    }
    long stepsPerEpoch = Math.max(1, ((long) windows + cfg.batchSize() - 1) / cfg.batchSize());
    long wanted = (cfg.autoSteps() + stepsPerEpoch - 1) / stepsPerEpoch;
    return (int) Math.max(cfg.autoMinEpochs(), Math.min(cfg.autoMaxEpochs(), wanted));
  }

  /** The inputs of events {@code off .. off+n)} of user {@code u}, as a request would give them. */
  static void fillInputs(
      SequenceEncoder.Work w,
      SequenceEncoder enc,
      Sequences seq,
      EventBuckets buckets,
      int u,
      int off,
      int n) {
    int[] items = seq.items()[u];
    float[] ws = seq.weights()[u];
    long[] ts = seq.times()[u];
    boolean gaps = enc.usesGaps();
    for (int t = 0; t < n; t++) {
      w.items[t] = items[off + t];
      w.buckets[t] = buckets.bucket(ws[off + t]);
      if (gaps) {
        w.gaps[t] = t == 0 ? TimeGaps.NONE : TimeGaps.bucket(ts[off + t - 1], ts[off + t]);
      }
    }
  }

  /**
   * Users whose number of distinct items lies outside the given percentiles of all users with
   * events (nearest rank), as Amazon's {@code min/max_user_history_length_percentile} select them.
   */
  static boolean[] outsidePercentiles(int[][] items, double minPercentile, double maxPercentile) {
    int nu = items.length;
    int[] distinct = new int[nu];
    int nonEmpty = 0;
    for (int u = 0; u < nu; u++) {
      if (items[u].length > 0) {
        int[] copy = items[u].clone();
        Arrays.sort(copy);
        int c = 1;
        for (int e = 1; e < copy.length; e++) {
          if (copy[e] != copy[e - 1]) {
            c++;
          }
        }
        distinct[u] = c;
        nonEmpty++;
      }
    }
    boolean[] out = new boolean[nu];
    if (nonEmpty == 0 || (minPercentile <= 0 && maxPercentile >= 1)) {
      return out;
    }
    int[] lengths = new int[nonEmpty];
    for (int u = 0, c = 0; u < nu; u++) {
      if (distinct[u] > 0) {
        lengths[c++] = distinct[u];
      }
    }
    Arrays.sort(lengths);
    int lo = lengths[nearestRank(minPercentile, nonEmpty)];
    int hi = lengths[nearestRank(maxPercentile, nonEmpty)];
    for (int u = 0; u < nu; u++) {
      out[u] = distinct[u] > 0 && (distinct[u] < lo || distinct[u] > hi);
    }
    return out;
  }

  private static int nearestRank(double p, int n) {
    return (int) Math.max(0, Math.min(n - 1, Math.ceil(p * n) - 1));
  }

  /** Per-thread scratch for a shard of a mini-batch. */
  static final class ShardState {
    final SequenceEncoder.Work work;
    final float[][] dh;
    final float[] logits;
    final float[] coef;

    /** Per item, the log of its negative-sampling probability; null when sampling is uniform. */
    final float[] logQ;

    ShardState(SequenceEncoder enc, int m) {
      this(enc, m, null);
    }

    ShardState(SequenceEncoder enc, int m, float[] logQ) {
      this.work = enc.newWork();
      this.dh = new float[enc.maxLen][enc.d];
      this.logits = new float[m];
      this.coef = new float[m];
      this.logQ = logQ;
    }
  }

  /**
   * Forward, loss and backward for the windows {@code users[lo .. hi)} (user in the high 32 bits,
   * index of the last target in the low), gradients into {@code g}; with a user term (null for
   * none) added to the encoder's states before the loss, its gradient taken from theirs.
   *
   * @return {loss sum, weight sum}
   */
  static double[] runShard(
      SequenceEncoder enc,
      float[][] prm,
      Sequences seq,
      EventBuckets buckets,
      Config cfg,
      long seed,
      int epoch,
      long[] users,
      int lo,
      int hi,
      int[] negatives,
      int m,
      ShardState st,
      SequenceGradient g,
      UserMetadata.Training userTerm) {
    double loss = 0;
    double weight = 0;
    SequenceEncoder.Work w = st.work;
    int d = enc.d;
    // In double: timestamps are any long (pre-1970 is negative), and a span from a very old to a
    // far-future event overflows a long. For spans below 2^53 s this equals the long arithmetic.
    double span = Math.max(1, (double) seq.maxTime() - (double) seq.minTime());
    for (int c = lo; c < hi; c++) {
      int u = (int) (users[c] >>> 32);
      int end = (int) users[c];
      int[] items = seq.items()[u];
      float[] ws = seq.weights()[u];
      long[] ts = seq.times()[u];
      int n = Math.min(end, enc.maxLen);
      int off = end - n;
      fillInputs(w, enc, seq, buckets, u, off, n);
      SplittableRandom drop =
          cfg.dropout() > 0 ? new SplittableRandom(mix(seed + end, epoch, u)) : null;
      enc.forward(prm, w, n, drop, (float) cfg.dropout());
      float[][] hs = userTerm == null ? w.h : userTerm.states(u, w.h, n);
      for (int t = 0; t < n; t++) {
        int target = items[off + t + 1];
        float lw = ws[off + t + 1];
        if (cfg.recencyBias()) {
          lw *= (float) (0.5 + 0.5 * ((double) ts[off + t + 1] - (double) seq.minTime()) / span);
        }
        loss += lw * softmaxStep(enc, prm, hs[t], target, lw, negatives, m, st, st.dh[t], g);
        weight += lw;
      }
      if (hs != w.h) {
        // d(loss)/d(term) is the sum of the states' gradients; taken before the encoder's backward
        // pass, which may overwrite dh.
        userTerm.backpropagate(u, st.dh, n, g.rows);
      }
      enc.backward(prm, w, st.dh, g);
    }
    return new double[] {loss, weight};
  }

  /**
   * The sampled-softmax loss of one position and its gradients: the state's gradient into {@code
   * dh}, the item embeddings' into {@code g}.
   *
   * @return the unweighted loss {@code -log p(target)}
   */
  static double softmaxStep(
      SequenceEncoder enc,
      float[][] prm,
      float[] h,
      int target,
      float lw,
      int[] negatives,
      int m,
      ShardState st,
      float[] dh,
      SequenceGradient g) {
    SeqKernelSupport kr = SeqKernels.get();
    int d = enc.d;
    float[] logits = st.logits;
    float[] coef = st.coef;
    float pos = kr.dot(h, prm[target], d);
    kr.scoreIndexed(prm, negatives, m, h, logits, d);
    float[] lq = st.logQ;
    if (lq != null) {
      // shifts by a constant per item, so the gradients below are those of the corrected softmax
      pos -= lq[target];
      for (int c = 0; c < m; c++) {
        logits[c] -= lq[negatives[c]];
      }
    }
    float max = pos;
    for (int c = 0; c < m; c++) {
      if (negatives[c] == target) {
        logits[c] = Float.NEGATIVE_INFINITY;
      }
      max = Math.max(max, logits[c]);
    }
    double sum = Math.exp(pos - max);
    for (int c = 0; c < m; c++) {
      float e = (float) Math.exp(logits[c] - max);
      coef[c] = e;
      sum += e;
    }
    float inv = (float) (lw / sum);
    for (int c = 0; c < m; c++) {
      coef[c] *= inv;
    }
    double pTarget = Math.exp(pos - max) / sum;
    float gTarget = (float) (lw * (pTarget - 1));
    kr.combineIndexed(coef, prm, negatives, m, dh, d);
    kr.axpy(gTarget, prm[target], dh, d);
    for (int c = 0; c < m; c++) {
      if (coef[c] != 0f) {
        kr.axpy(coef[c], h, g.item(negatives[c]), d);
      }
    }
    kr.axpy(gTarget, h, g.item(target), d);
    return -Math.log(Math.max(pTarget, 1e-30));
  }

  /**
   * Draws {@code m} distinct negatives into {@code out}: each the item of a random training target
   * with probability {@code share}, else a uniform item; a repeat is redrawn uniformly, which
   * always ends ({@code m < numItems}) however skewed the popularity is.
   *
   * @param stamp per item, the last draw it was taken in; {@code stampValue} must be new
   */
  static void drawNegatives(
      SplittableRandom rng,
      double share,
      int[] eventItems,
      int numItems,
      int[] stamp,
      int stampValue,
      int[] out,
      int m) {
    for (int c = 0; c < m; c++) {
      int item =
          share > 0 && rng.nextDouble() < share
              ? eventItems[rng.nextInt(eventItems.length)]
              : rng.nextInt(numItems);
      while (stamp[item] == stampValue) {
        item = rng.nextInt(numItems);
      }
      stamp[item] = stampValue;
      out[c] = item;
    }
  }

  /**
   * The item of every training target (each positive event after a user's first), in user order.
   */
  static int[] eventItems(Sequences seq, boolean[] excluded) {
    int n = 0;
    int[][] items = seq.items();
    for (int u = 0; u < items.length; u++) {
      if (!excluded[u] && items[u].length >= 2) {
        n += items[u].length - 1;
      }
    }
    int[] out = new int[n];
    for (int u = 0, c = 0; u < items.length; u++) {
      if (!excluded[u] && items[u].length >= 2) {
        System.arraycopy(items[u], 1, out, c, items[u].length - 1);
        c += items[u].length - 1;
      }
    }
    return out;
  }

  /**
   * Per item, {@code log q(i)} for the mixture that draws a random training target with probability
   * {@code share} and a uniform item otherwise.
   */
  static float[] logQ(int[] eventItems, int numItems, double share) {
    int[] counts = new int[numItems];
    for (int i : eventItems) {
      counts[i]++;
    }
    float[] out = new float[numItems];
    for (int i = 0; i < numItems; i++) {
      out[i] =
          (float) Math.log((1 - share) / numItems + share * counts[i] / (double) eventItems.length);
    }
    return out;
  }

  /** Adds every shard's gradient into shard 0's, in shard order. */
  static void reduce(SequenceGradient[] grads) {
    SeqKernelSupport kr = SeqKernels.get();
    SequenceGradient g0 = grads[0];
    int d = g0.d;
    for (int s = 1; s < grads.length; s++) {
      SequenceGradient gs = grads[s];
      for (int c = 0; c < gs.numTouched; c++) {
        int i = gs.touched[c];
        kr.axpy(1f, gs.rows[i], g0.item(i), d);
      }
      for (int r = gs.numItems; r < gs.rows.length; r++) {
        kr.axpy(1f, gs.rows[r], g0.rows[r], d);
      }
    }
  }

  /** One Adam step (Kingma &amp; Ba 2015) over every row; a missing gradient row counts as 0. */
  static void adam(
      float[][] prm,
      float[][] grad,
      float[][] m1,
      float[][] m2,
      int d,
      double lr,
      long step,
      float gradScale) {
    float b1 = (float) BETA1;
    float b2 = (float) BETA2;
    float c1 = (float) (1 - Math.pow(BETA1, step));
    float c2 = (float) (1 - Math.pow(BETA2, step));
    float alpha = (float) (lr * Math.sqrt(c2) / c1);
    float eps = (float) (ADAM_EPS * Math.sqrt(c2));
    for (int r = 0; r < prm.length; r++) {
      float[] p = prm[r];
      float[] a = m1[r];
      float[] v = m2[r];
      float[] g = grad[r];
      if (g == null) {
        for (int j = 0; j < d; j++) {
          a[j] *= b1;
          v[j] *= b2;
          p[j] -= alpha * a[j] / ((float) Math.sqrt(v[j]) + eps);
        }
      } else {
        for (int j = 0; j < d; j++) {
          float gj = g[j] * gradScale;
          a[j] = b1 * a[j] + (1 - b1) * gj;
          v[j] = b2 * v[j] + (1 - b2) * gj * gj;
          p[j] -= alpha * a[j] / ((float) Math.sqrt(v[j]) + eps);
        }
      }
    }
  }

  static void shuffle(long[] a, SplittableRandom rng) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      long t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  /** A seed for one (epoch, user) pair, by the SplitMix64 finaliser. */
  static long mix(long seed, int epoch, int user) {
    long z = seed + 0x9E3779B97F4A7C15L * (1 + ((long) epoch << 32 | (user & 0xFFFFFFFFL)));
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
