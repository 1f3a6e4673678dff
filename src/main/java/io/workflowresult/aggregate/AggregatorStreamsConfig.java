package io.workflowresult.aggregate;

import io.workflowresult.config.AppConfig;
import io.workflowresult.config.KafkaClientSettings;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;

/**
 * The aggregator's Kafka Streams properties: the service's Streams client settings ({@code
 * application.id} from {@code app.id}, {@code exactly_once_v2}) plus what only the aggregator
 * decides — state directory, the address other instances use for interactive queries, and the
 * deserialization policy and the bound on RocksDB's memory ({@link BoundedRocksDbMemory}).
 */
public final class AggregatorStreamsConfig {
  /**
   * Default {@code commit.interval.ms} (Streams' own under exactly-once is 100 ms): each commit
   * flushes the caches and ends a transaction, which cost about a fifth of the stream thread's CPU
   * at 100 ms; a second bounds how late a total shows to {@code read_committed} readers.
   */
  static final long COMMIT_INTERVAL_MS = 1_000;

  private AggregatorStreamsConfig() {}

  /** From the service's configuration. */
  public static Properties from(AppConfig config) {
    return properties(
        KafkaClientSettings.streams(config),
        config.stateDir(),
        config.http().advertisedHost(),
        config.http().port(),
        config.aggregateRocksDbMemory());
  }

  /**
   * {@code clientSettings} (from {@link KafkaClientSettings#streams}) with the aggregator's own
   * settings on top.
   *
   * <p>Commits every {@link #COMMIT_INTERVAL_MS} ms unless {@code kafka.streams.commit.interval.ms}
   * says otherwise.
   *
   * <p>RocksDB's off-heap memory, all stores together, stays within {@code rocksDbMemoryBytes}.
   *
   * <p>Deserialization errors {@code LogAndContinue}: the topology reads the results topic as bytes
   * and skips what it cannot read itself, so this only covers a key that is not UTF-8 or a corrupt
   * internal record — never a reason to stop every workflow's totals.
   */
  public static Properties properties(
      Map<String, Object> clientSettings,
      Path stateDir,
      String advertisedHost,
      int httpPort,
      long rocksDbMemoryBytes) {
    Properties props = new Properties();
    props.putAll(clientSettings);
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    props.putIfAbsent(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, COMMIT_INTERVAL_MS);
    props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, advertisedHost + ":" + httpPort);
    props.put(
        StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
        LogAndContinueExceptionHandler.class.getName());
    props.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class);
    props.put(BoundedRocksDbMemory.MEMORY_BYTES_CONFIG, Long.toString(rocksDbMemoryBytes));
    return props;
  }
}
