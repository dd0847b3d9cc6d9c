package org.openpersonalize.engine.internal.training;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.openpersonalize.api.model.PersonalizeException;

/**
 * Where model artifacts live: files under {@code <engine dir>/models/} beside the database, or a
 * map for an in-memory engine. Files are written to a temporary name, forced to disk and renamed,
 * so a crash never leaves a half-written file under the final name. What a crash or a failure can
 * leave — a {@code .tmp} file, or a complete file of a version that never became ACTIVE — is
 * removed when the engine opens ({@link #removeOrphans}) and when a training fails ({@link
 * #discard}).
 */
public final class ModelStore {
  /** The suffix of model files; other files in the directory are never touched. */
  public static final String SUFFIX = ".opm";

  private static final String TMP = ".tmp";

  private final Path dir;
  private final Map<String, byte[]> memory = new ConcurrentHashMap<>();

  /**
   * Creates the store.
   *
   * @param engineDir the engine directory, or null for in-memory
   */
  public ModelStore(Path engineDir) {
    this.dir = engineDir == null ? null : engineDir.resolve("models");
  }

  /** Stores an artifact under {@code name}; returns the name to reference it by. */
  public String write(String name, ModelArtifact artifact) {
    byte[] bytes = artifact.toBytes();
    if (dir == null) {
      memory.put(name, bytes);
      return name;
    }
    try {
      Files.createDirectories(dir);
      Path tmp = dir.resolve(name + TMP);
      try (FileChannel ch =
          FileChannel.open(
              tmp,
              StandardOpenOption.CREATE,
              StandardOpenOption.TRUNCATE_EXISTING,
              StandardOpenOption.WRITE)) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      Files.move(
          tmp,
          dir.resolve(name),
          StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
      return name;
    } catch (IOException e) {
      throw new PersonalizeException("Cannot write model file " + dir.resolve(name) + ": " + e, e);
    }
  }

  /**
   * Reads and verifies the artifact stored under {@code name} for a solution version: magic, format
   * version and checksum, and that the file carries that version's identity.
   *
   * @param name the stored name (the version's {@code modelFile})
   * @param versionArn the solution version the file is read for
   * @return the artifact
   * @throws PersonalizeException naming the file if it is missing, damaged, of an older format or
   *     of another solution version
   */
  public ModelArtifact read(String name, String versionArn) {
    if (dir == null) {
      byte[] bytes = memory.get(name);
      if (bytes == null) {
        throw new PersonalizeException("Model " + name + " is missing from the in-memory engine");
      }
      return ModelArtifact.fromBytes(bytes, name).checkBelongsTo(versionArn, name);
    }
    Path file = dir.resolve(name);
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new PersonalizeException(
          "Model file " + file + " cannot be read and will not be served: " + e, e);
    }
    return ModelArtifact.fromBytes(bytes, file.toString())
        .checkBelongsTo(versionArn, file.toString());
  }

  /** Deletes the artifact stored under {@code name}, and its temporary file, if any. */
  public void delete(String name) {
    if (dir == null) {
      memory.remove(name);
      return;
    }
    try {
      Files.deleteIfExists(dir.resolve(name + TMP));
      Files.deleteIfExists(dir.resolve(name));
    } catch (IOException e) {
      throw new PersonalizeException("Cannot delete model file " + dir.resolve(name) + ": " + e, e);
    }
  }

  /**
   * Deletes what a failed or stopped training may have left under {@code name}: the model file and
   * its temporary file. Best effort and never throws, because it runs on a path that is already
   * reporting a failure; what it cannot delete, {@link #removeOrphans} removes at the next open.
   *
   * @param name the stored name the training would have used
   */
  public void discard(String name) {
    try {
      delete(name);
    } catch (PersonalizeException e) {
      // Left for removeOrphans at the next open; the training's own failure is what to report.
    }
  }

  /**
   * Removes every temporary file and every model file not in {@code keep} (the files of ACTIVE
   * solution versions), as far as it can; a file it cannot delete is left. Called when the engine
   * opens, before any training runs, so nothing it removes can be in the middle of being written.
   *
   * @param keep the stored names still referenced by a servable solution version
   * @return the names removed, sorted
   */
  public List<String> removeOrphans(Set<String> keep) {
    List<String> removed = new ArrayList<>();
    if (dir == null) {
      for (String name : new TreeSet<>(memory.keySet())) {
        if (!keep.contains(name)) {
          memory.remove(name);
          removed.add(name);
        }
      }
      return removed;
    }
    if (!Files.isDirectory(dir)) {
      return removed;
    }
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.sorted().toList();
    } catch (IOException e) {
      return removed; // best effort: an unreadable directory fails the reads that need it
    }
    for (Path f : files) {
      String name = f.getFileName().toString();
      boolean orphan =
          name.endsWith(SUFFIX + TMP) || (name.endsWith(SUFFIX) && !keep.contains(name));
      if (orphan && Files.isRegularFile(f)) {
        try {
          Files.deleteIfExists(f);
          removed.add(name);
        } catch (IOException e) {
          // Best effort: an orphan costs disk space only, never correctness (reads check identity).
        }
      }
    }
    return removed;
  }

  /** The file of {@code name}, or null for an in-memory engine (tests damage files through it). */
  public Path file(String name) {
    return dir == null ? null : dir.resolve(name);
  }
}
