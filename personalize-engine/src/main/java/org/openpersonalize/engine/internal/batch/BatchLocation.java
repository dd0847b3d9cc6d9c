package org.openpersonalize.engine.internal.batch;

import java.nio.file.Path;
import java.util.List;
import org.openpersonalize.api.model.InvalidInputException;
import org.openpersonalize.engine.internal.imports.DataLocation;

/**
 * Where a batch job reads and writes (spec §7.1, §7.2): the input is a JSON Lines file or a folder
 * of them (first-level files, as imports read a location), given as a local path or a {@code file:}
 * URI; the output is a folder that differs from the input's folder and is not inside it, so a job
 * never reads its own output. S3 and HTTP locations are refused with a message saying what to give.
 */
public final class BatchLocation {
  /** The first sentence of Amazon's refusal of an input location (spec §2.1). */
  public static final String INVALID_INPUT = "Invalid S3 input path.";

  /** The first sentence of Amazon's refusal of an output location (spec §2.1). */
  public static final String INVALID_OUTPUT = "Invalid S3 output path.";

  /** The request field of the input location. */
  public static final String INPUT_FIELD = "jobInput.s3DataSource.path";

  /** The request field of the output location. */
  public static final String OUTPUT_FIELD = "jobOutput.s3DataDestination.path";

  private BatchLocation() {}

  /**
   * Checks a job's locations when it is created, without requiring the input to exist yet (a
   * missing input fails the job, as on Amazon): both are local, and the output folder is neither
   * the input folder (for a file input, the file's folder) nor inside it.
   *
   * @param input the input location
   * @param output the output location
   * @throws InvalidInputException naming the field that is wrong
   */
  public static void check(String input, String output) {
    Path in = DataLocation.path(INVALID_INPUT, INPUT_FIELD, input);
    Path out = DataLocation.path(INVALID_OUTPUT, OUTPUT_FIELD, output);
    checkApart(in, out, output);
  }

  /**
   * The input files of a job, in name order; the job fails with the reason when there are none.
   *
   * @param input the input location
   * @return at least one file
   */
  public static List<Path> inputs(String input) {
    return DataLocation.resolve(INVALID_INPUT, INPUT_FIELD, input);
  }

  /**
   * The output folder of a job, checked against the input again at run time (the input may have
   * become a folder since the job was created).
   *
   * @param input the input location
   * @param output the output location
   * @return the output folder
   */
  public static Path output(String input, String output) {
    Path in = DataLocation.path(INVALID_INPUT, INPUT_FIELD, input);
    Path out = DataLocation.path(INVALID_OUTPUT, OUTPUT_FIELD, output);
    checkApart(in, out, output);
    return out;
  }

  private static void checkApart(Path in, Path out, String output) {
    Path inAbs = in.toAbsolutePath().normalize();
    Path outAbs = out.toAbsolutePath().normalize();
    Path inFolder = java.nio.file.Files.isRegularFile(inAbs) ? inAbs.getParent() : inAbs;
    if (inFolder != null && (outAbs.equals(inFolder) || outAbs.startsWith(inFolder))) {
      throw new InvalidInputException(
          INVALID_OUTPUT
              + " "
              + OUTPUT_FIELD
              + " must differ from the input location and not be inside it; got: "
              + output
              + " for input folder "
              + inFolder);
    }
  }
}
