package io.workflowresult.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import io.workflowresult.testing.TestConfig;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Options;

class BoundedRocksDbMemoryTest {
  private static final Map<String, Object> SIXTY_FOUR_MB =
      Map.of(BoundedRocksDbMemory.MEMORY_BYTES_CONFIG, String.valueOf(64L << 20));

  @Test
  void theAggregatorBoundsRocksDbWithTheConfiguredMemory() {
    Properties props =
        AggregatorStreamsConfig.from(
            TestConfig.defaults().set("aggregate.rocksdb.memory", "256m").build());

    assertThat(props.get(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG))
        .isEqualTo(BoundedRocksDbMemory.class);
    assertThat(props.get(BoundedRocksDbMemory.MEMORY_BYTES_CONFIG))
        .isEqualTo(String.valueOf(256L << 20));
  }

  @Test
  void everyStoreSharesOneCacheAndOneMemtableBudget() {
    try (Options totals = new Options();
        Options runs = new Options()) {
      // as Kafka Streams hands them over: with a block-based table config
      totals.setTableFormatConfig(new BlockBasedTableConfig());
      runs.setTableFormatConfig(new BlockBasedTableConfig());
      BoundedRocksDbMemory setter = new BoundedRocksDbMemory();
      setter.setConfig("cost-totals", totals, SIXTY_FOUR_MB);
      setter.setConfig("cost-runs", runs, SIXTY_FOUR_MB);

      assertThat(totals.writeBufferManager()).isNotNull().isSameAs(runs.writeBufferManager());
      BlockBasedTableConfig table = (BlockBasedTableConfig) runs.tableFormatConfig();
      assertThat(table.cacheIndexAndFilterBlocks())
          .as("index and filter blocks counted in the cache")
          .isTrue();
    }
  }
}
