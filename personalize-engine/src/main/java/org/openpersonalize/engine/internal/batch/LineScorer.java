package org.openpersonalize.engine.internal.batch;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A kind of batch job's line format and scorer: it answers a block of parsed input lines at once,
 * so that it can score many users in one pass (a matrix product per block rather than one request
 * per line). The runner calls it from several threads at once, each with its own block; it must
 * keep per-call state in the block or in thread-local buffers.
 */
public interface LineScorer {
  /**
   * Answers the lines of a block: for each {@code i < block.size()}, either {@link
   * Block#answer(int, ObjectNode)} or {@link Block#fail(int, String)}. A line the scorer leaves
   * unanswered gets an error saying so. A {@link BatchLines.LineError} or an {@link
   * org.openpersonalize.api.model.InvalidInputException} thrown for the whole block is reported on
   * each of its unanswered lines; anything else fails the job.
   *
   * @param block the lines
   */
  void score(Block block);

  /**
   * One block of input lines and their answers. Lines that are not JSON objects never reach the
   * scorer: they are answered by the runner and are absent from the block.
   */
  final class Block {
    private final ObjectNode[] inputs;
    private final ObjectNode[] outputs;
    private final String[] errors;
    private int size;

    Block(int capacity) {
      inputs = new ObjectNode[capacity];
      outputs = new ObjectNode[capacity];
      errors = new String[capacity];
    }

    void clear() {
      java.util.Arrays.fill(inputs, 0, size, null);
      java.util.Arrays.fill(outputs, 0, size, null);
      java.util.Arrays.fill(errors, 0, size, null);
      size = 0;
    }

    void add(ObjectNode input) {
      inputs[size++] = input;
    }

    /** A block of the given lines, for scorers' tests. */
    public static Block of(ObjectNode... lines) {
      Block b = new Block(lines.length);
      for (ObjectNode n : lines) {
        b.add(n);
      }
      return b;
    }

    /** How many lines the block has. */
    public int size() {
      return size;
    }

    /** The parsed input line {@code i}. */
    public ObjectNode input(int i) {
      return inputs[i];
    }

    /** Sets the answer of line {@code i}: the object written as its {@code output}. */
    public void answer(int i, ObjectNode output) {
      outputs[i] = output;
      errors[i] = null;
    }

    /** Marks line {@code i} failed with the message written as its {@code error}. */
    public void fail(int i, String error) {
      outputs[i] = null;
      errors[i] = error;
    }

    /** Whether line {@code i} has an answer or an error. */
    public boolean done(int i) {
      return outputs[i] != null || errors[i] != null;
    }

    /** The answer of line {@code i}, or null. */
    public ObjectNode output(int i) {
      return outputs[i];
    }

    /** The error of line {@code i}, or null. */
    public String error(int i) {
      return errors[i];
    }
  }
}
