package io.workflowresult.aggregate;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Bounds the off-heap memory of every RocksDB store of the aggregator together ({@code
 * aggregate.rocksdb.memory}), as Kafka Streams' memory-management guide describes: one block cache
 * shared by all stores and partitions, which also holds their index and filter blocks, and a write
 * buffer manager that charges every memtable to that same cache. Without it each store of each
 * partition takes its own cache and memtables (about 50 MB each by RocksDB's defaults), so the
 * process grows with the partition count until a container limit kills it.
 *
 * <p>The trade-off: a small cache means more reads from disk for the run table; memtables may take
 * at most a quarter of the budget, so writes flush more often when it is small. The cache and the
 * manager live as long as the process (every store shares them) and are never closed by a store.
 */
public final class BoundedRocksDbMemory implements RocksDBConfigSetter {
  /** Streams property carrying the budget in bytes (read from the settings the setter is given). */
  public static final String MEMORY_BYTES_CONFIG = "wrp.rocksdb.memory.bytes";

  /** Share of the cache kept for index and filter blocks (high priority, not evicted first). */
  private static final double INDEX_FILTER_RATIO = 0.1;

  private static final Map<Long, Shared> SHARED = new ConcurrentHashMap<>();

  /** The cache and the memtable manager of one budget, shared by every store that uses it. */
  record Shared(Cache cache, WriteBufferManager writeBuffers) {
    static Shared of(long bytes) {
      Cache cache = new LRUCache(bytes, -1, false, INDEX_FILTER_RATIO);
      return new Shared(cache, new WriteBufferManager(bytes / 4, cache));
    }
  }

  @Override
  public void setConfig(String storeName, Options options, Map<String, Object> configs) {
    Shared shared = SHARED.computeIfAbsent(budget(configs), Shared::of);
    BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
    table.setBlockCache(shared.cache());
    table.setCacheIndexAndFilterBlocks(true);
    table.setCacheIndexAndFilterBlocksWithHighPriority(true);
    table.setPinTopLevelIndexAndFilter(true);
    options.setWriteBufferManager(shared.writeBuffers());
    options.setTableFormatConfig(table);
  }

  @Override
  public void close(String storeName, Options options) {
    // the cache and the manager are shared by every store: closing one store must not free them
  }

  private static long budget(Map<String, Object> configs) {
    Object value = configs.get(MEMORY_BYTES_CONFIG);
    if (value == null) {
      throw new IllegalStateException(MEMORY_BYTES_CONFIG + " is not set");
    }
    return Long.parseLong(value.toString());
  }
}
