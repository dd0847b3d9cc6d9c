package org.openpersonalize.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Where the benchmarks keep their generated files and throw-away databases.
 *
 * <p>The root is {@code -Dopenpersonalize.bench.dir=...}, else {@code
 * ${java.io.tmpdir}/openpersonalize-bench}. It must be on the disk whose durable writes are being
 * measured: on a tmpfs an fsync costs nothing, and PutEvents and import numbers would flatter both
 * sides. JMH's forked JVMs inherit the system property from the JVM that launched them.
 */
final class BenchFiles {
  /** The system property that moves the root. */
  static final String ROOT_PROPERTY = "openpersonalize.bench.dir";

  private BenchFiles() {}

  /** The root folder, created if needed. */
  static Path root() {
    String configured = System.getProperty(ROOT_PROPERTY);
    Path root =
        configured != null
            ? Path.of(configured)
            : Path.of(System.getProperty("java.io.tmpdir"), "openpersonalize-bench");
    try {
      return Files.createDirectories(root.toAbsolutePath());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the benchmark folder " + root, e);
    }
  }

  /** A new, empty folder under the root whose name starts with {@code prefix}. */
  static Path freshDir(String prefix) {
    try {
      return Files.createTempDirectory(root(), prefix);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create a folder under " + root(), e);
    }
  }

  /** Deletes a folder and everything in it; a missing folder is fine. */
  static void deleteTree(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try {
      Files.walkFileTree(
          dir,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.delete(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
              if (e != null) {
                throw e;
              }
              Files.delete(d);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete " + dir, e);
    }
  }
}
