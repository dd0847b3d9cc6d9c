package org.openpersonalize.engine.internal.training;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.openpersonalize.api.model.PersonalizeException;

/**
 * Where model artifacts live: files under {@code <engine dir>/models/} beside the database, or a
 * map for an in-memory engine. Files are written to a temporary name, forced to disk and renamed,
 * so a crash never leaves a half-written file under the final name.
 */
public final class ModelStore {
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
      Path tmp = dir.resolve(name + ".tmp");
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

  /** Reads and verifies the artifact stored under {@code name}. */
  public ModelArtifact read(String name) {
    if (dir == null) {
      byte[] bytes = memory.get(name);
      if (bytes == null) {
        throw new PersonalizeException("Model " + name + " is missing from the in-memory engine");
      }
      return ModelArtifact.fromBytes(bytes, name);
    }
    Path file = dir.resolve(name);
    try {
      return ModelArtifact.fromBytes(Files.readAllBytes(file), file.toString());
    } catch (IOException e) {
      throw new PersonalizeException(
          "Model file " + file + " cannot be read and will not be served: " + e, e);
    }
  }

  /** Deletes the artifact stored under {@code name}, if any. */
  public void delete(String name) {
    if (dir == null) {
      memory.remove(name);
      return;
    }
    try {
      Files.deleteIfExists(dir.resolve(name));
    } catch (IOException e) {
      throw new PersonalizeException("Cannot delete model file " + dir.resolve(name) + ": " + e, e);
    }
  }

  /** The file of {@code name}, or null for an in-memory engine (tests damage files through it). */
  public Path file(String name) {
    return dir == null ? null : dir.resolve(name);
  }
}
