package org.openpersonalize.engine.internal.batch;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.openpersonalize.api.model.InvalidInputException;

/**
 * One output file of a batch job, {@code <input file name>.out} in the output folder, that appears
 * whole or not at all: lines go to a hidden temporary file beside it ({@code .<name>.<job>.tmp}),
 * which is flushed to disk and then renamed over the final name in one atomic step. A job that
 * fails, or an engine killed mid-file, leaves at most the temporary file, which {@link #cleanUp}
 * removes when the engine reopens; input folders never read hidden files.
 */
public final class OutputFile implements AutoCloseable {
  private final Path temp;
  private final Path target;
  private final BufferedWriter writer;
  private boolean committed;

  private OutputFile(Path temp, Path target, BufferedWriter writer) {
    this.temp = temp;
    this.target = target;
    this.writer = writer;
  }

  /**
   * Starts the output of one input file.
   *
   * @param folder the output folder (created if missing)
   * @param inputName the input file's name
   * @param jobName the job's name
   */
  public static OutputFile open(Path folder, String inputName, String jobName) {
    try {
      Files.createDirectories(folder);
      Path target = folder.resolve(inputName + ".out");
      Path temp = folder.resolve(tempName(inputName + ".out", jobName));
      BufferedWriter w =
          new BufferedWriter(
              new OutputStreamWriter(
                  Files.newOutputStream(
                      temp,
                      StandardOpenOption.CREATE,
                      StandardOpenOption.TRUNCATE_EXISTING,
                      StandardOpenOption.WRITE),
                  StandardCharsets.UTF_8),
              1 << 16);
      return new OutputFile(temp, target, w);
    } catch (IOException e) {
      throw new InvalidInputException(
          BatchLocation.INVALID_OUTPUT + " Cannot write in " + folder.toAbsolutePath() + ": " + e,
          e);
    }
  }

  private static String tempName(String outName, String jobName) {
    return "." + outName + "." + jobName + ".tmp";
  }

  /** The final file's path. */
  public Path target() {
    return target;
  }

  /** Appends one output line. */
  public void line(String line) throws IOException {
    writer.write(line);
    writer.write('\n');
  }

  /** Flushes the lines to disk and renames the file to its final name in one step. */
  public void commit() throws IOException {
    writer.close();
    try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
      ch.force(true);
    }
    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    committed = true;
  }

  /** Removes the temporary file unless the output was committed. */
  @Override
  public void close() {
    if (committed) {
      return;
    }
    try {
      writer.close();
    } catch (IOException e) {
      // The file is deleted next; a failed close changes nothing.
    }
    try {
      Files.deleteIfExists(temp);
    } catch (IOException e) {
      // Left for cleanUp at the next open; it is hidden and never read as input.
    }
  }

  /**
   * Removes the temporary files a job left in its output folder (the engine stopped mid-file).
   *
   * @param folder the output folder
   * @param jobName the job's name
   */
  public static void cleanUp(Path folder, String jobName) {
    if (!Files.isDirectory(folder)) {
      return;
    }
    String suffix = "." + jobName + ".tmp";
    try (DirectoryStream<Path> dir = Files.newDirectoryStream(folder)) {
      for (Path p : dir) {
        String n = p.getFileName().toString();
        if (n.startsWith(".") && n.endsWith(suffix)) {
          Files.deleteIfExists(p);
        }
      }
    } catch (IOException e) {
      // Best effort: a leftover temporary file is hidden and never read as input.
    }
  }
}
