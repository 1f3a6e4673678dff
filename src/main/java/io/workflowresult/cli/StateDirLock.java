package io.workflowresult.cli;

import io.workflowresult.config.ConfigException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Claims {@code state.dir} for this process for as long as it runs: a second instance started on
 * the same host with the same directory stops at start-up with one line naming {@code state.dir},
 * before it starts anything, instead of failing later inside Kafka Streams while its other parts
 * are already running. The operating system drops the lock when the process dies, {@code kill -9}
 * included, so a stale lock file never blocks a restart.
 */
final class StateDirLock implements AutoCloseable {
  static final String FILE_NAME = "instance.lock";

  private final FileChannel channel;
  private final FileLock lock;

  private StateDirLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Creates {@code stateDir} if needed and locks it.
   *
   * @throws ConfigException naming {@code state.dir} when it cannot be created or another running
   *     instance holds it
   */
  static StateDirLock acquire(Path stateDir) {
    Path file = stateDir.resolve(FILE_NAME);
    FileChannel channel;
    try {
      Files.createDirectories(stateDir);
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new ConfigException(
          "state.dir", "state.dir " + stateDir + " cannot be used: " + e.getMessage());
    }
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null; // held by this same process
    } catch (IOException e) {
      closeQuietly(channel);
      throw new ConfigException(
          "state.dir", "state.dir " + stateDir + " cannot be locked: " + e.getMessage());
    }
    if (lock == null) {
      closeQuietly(channel);
      throw new ConfigException(
          "state.dir",
          "state.dir "
              + stateDir.toAbsolutePath()
              + " is in use by another running instance; give each instance on a host its own"
              + " state.dir");
    }
    return new StateDirLock(channel, lock);
  }

  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      channel.close();
    }
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException ignored) {
      // nothing to do: the channel was never locked
    }
  }
}
