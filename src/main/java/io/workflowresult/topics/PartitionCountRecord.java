package io.workflowresult.topics;

import io.workflowresult.config.ConfigException;
import io.workflowresult.topics.TopicSetupException.Reason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Remembers, in the state directory, the partition count a topic had when this instance first saw
 * it, and stops start-up when it has changed since: the results table is partitioned by run ID, so
 * more partitions would put a repeated result of a run on another partition than its first copy,
 * and the aggregates would count that run twice. Partitions can be added but never removed, so the
 * fix is a deliberate one (rebuild the aggregates, then delete the record), never automatic.
 */
final class PartitionCountRecord {
  private final Path directory;

  /** Records kept under {@code <stateDir>/topics/}. */
  PartitionCountRecord(Path stateDir) {
    this.directory = stateDir.resolve("topics");
  }

  /**
   * Records the count on first sight; afterwards checks it.
   *
   * @throws TopicSetupException when the count differs from the recorded one
   */
  void recordOrCheck(String topic, int partitions) {
    Path file = directory.resolve(topic + ".partitions");
    try {
      if (Files.exists(file)) {
        int recorded = Integer.parseInt(Files.readString(file, StandardCharsets.UTF_8).trim());
        if (recorded != partitions) {
          throw new TopicSetupException(
              Reason.MISCONFIGURED,
              topic,
              "topic "
                  + topic
                  + " has "
                  + partitions
                  + " partitions but had "
                  + recorded
                  + " (recorded in "
                  + file
                  + "); a changed count double-counts runs: rebuild the aggregates, then delete"
                  + " that file");
        }
        return;
      }
      Files.createDirectories(directory);
      Path temporary = Files.createTempFile(directory, topic, ".tmp");
      Files.writeString(temporary, partitions + "\n", StandardCharsets.UTF_8);
      Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new ConfigException(
          "state.dir",
          "state.dir: cannot record the partition count of " + topic + " in " + file + ": " + e);
    } catch (NumberFormatException e) {
      throw new TopicSetupException(
          Reason.MISCONFIGURED, topic, "partition count record " + file + " is not a number");
    }
  }
}
