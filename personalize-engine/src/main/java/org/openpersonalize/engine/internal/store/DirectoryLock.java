package org.openpersonalize.engine.internal.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.openpersonalize.api.model.ResourceInUseException;

/**
 * The file lock on an engine directory's {@code .lock}: it keeps a second process, or a second
 * engine in this JVM, from opening the same database.
 */
final class DirectoryLock {
  private final FileChannel channel;
  private final FileLock lock;

  private DirectoryLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock of {@code dir}, which must exist.
   *
   * @throws org.openpersonalize.api.model.ResourceInUseException if another engine holds it
   * @throws IOException if the lock file cannot be opened
   */
  static DirectoryLock acquire(Path dir) throws IOException {
    FileChannel channel =
        FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock fileLock;
    try {
      fileLock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      fileLock = null;
    } catch (IOException | RuntimeException e) {
      closeQuietly(channel);
      throw e;
    }
    if (fileLock == null) {
      closeQuietly(channel);
      throw new ResourceInUseException(
          "Directory "
              + dir.toAbsolutePath()
              + " is already open in another OpenPersonalize engine (this process or another);"
              + " close that engine first, or open a different directory");
    }
    return new DirectoryLock(channel, fileLock);
  }

  /** Releases the lock and closes its file; never throws. */
  void release() {
    try {
      lock.release();
    } catch (IOException ignored) {
      // The channel close below releases it too.
    }
    closeQuietly(channel);
  }

  private static void closeQuietly(FileChannel c) {
    try {
      c.close();
    } catch (IOException ignored) {
      // Nothing useful to do: the lock dies with the process anyway.
    }
  }
}
