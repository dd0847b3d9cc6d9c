package org.openpersonalize.engine.internal.imports;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.openpersonalize.api.model.InvalidInputException;

/**
 * Resolves a job's {@code dataLocation}: a local file, a folder (its first-level files, as Amazon
 * reads an S3 prefix: no sub-folders), or a {@code file:} URI. Remote locations ({@code s3://},
 * {@code http(s)://}) are refused with a message that says what to give instead.
 */
public final class DataLocation {
  private DataLocation() {}

  /**
   * Resolves a location to the files to read, in name order.
   *
   * @param location the data location
   * @return at least one regular file
   * @throws InvalidInputException if the location is missing, remote, absent or an empty folder
   */
  public static List<Path> resolve(String location) {
    return resolve("Invalid Data location.", "dataSource.dataLocation", location);
  }

  /**
   * Turns a location into a local path without looking at the disk: a plain path or a {@code file:}
   * URI; remote locations are refused. Batch jobs check their output folder with this.
   *
   * @param invalid the first sentence of every refusal, e.g. {@code Invalid S3 output path.}
   * @param field the request field, for messages
   * @param location the location
   * @return the path
   */
  public static Path path(String invalid, String field, String location) {
    if (location == null || location.isBlank()) {
      throw new InvalidInputException(field + " must be given; got: " + location);
    }
    String lower = location.toLowerCase(Locale.ROOT);
    if (lower.startsWith("s3://") || lower.startsWith("http://") || lower.startsWith("https://")) {
      throw new InvalidInputException(
          invalid
              + " "
              + field
              + " must be a local file, a folder or a file: URI; remote locations such as "
              + location
              + " are not supported by the embedded engine. Download the data and give its path.");
    }
    try {
      return lower.startsWith("file:") ? Path.of(new URI(location)) : Path.of(location);
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new InvalidInputException(
          invalid
              + " "
              + field
              + " must be a local path or a file: URI; got: "
              + location
              + " ("
              + e.getMessage()
              + ")");
    }
  }

  /**
   * Resolves a location to the files to read, in name order, with messages naming {@code field}.
   *
   * @param invalid the first sentence of every refusal
   * @param field the request field, for messages
   * @param location the data location
   * @return at least one regular file
   * @throws InvalidInputException if the location is missing, remote, absent or an empty folder
   */
  public static List<Path> resolve(String invalid, String field, String location) {
    Path path = path(invalid, field, location);
    if (Files.isRegularFile(path)) {
      return List.of(path);
    }
    if (!Files.isDirectory(path)) {
      throw new InvalidInputException(invalid + " No file or folder at " + path.toAbsolutePath());
    }
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> dir = Files.newDirectoryStream(path)) {
      for (Path p : dir) {
        // Hidden files (editor swap files, .DS_Store) are never data.
        if (Files.isRegularFile(p) && !p.getFileName().toString().startsWith(".")) {
          files.add(p);
        }
      }
    } catch (IOException e) {
      throw new InvalidInputException(
          invalid + " Cannot list folder " + path.toAbsolutePath() + ": " + e, e);
    }
    if (files.isEmpty()) {
      throw new InvalidInputException(
          invalid + " Folder " + path.toAbsolutePath() + " has no files to read");
    }
    files.sort(null);
    return files;
  }
}
