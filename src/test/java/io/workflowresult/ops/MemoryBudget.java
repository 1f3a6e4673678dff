package io.workflowresult.ops;

import io.workflowresult.config.ByteSizes;
import io.workflowresult.config.ConfigKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The memory a container of the image needs, from the JVM options the Dockerfile sets: the heap's
 * share of the limit, RocksDB's budget ({@code aggregate.rocksdb.memory}), the capped native areas
 * (metaspace, code cache, direct buffers) and a reserve for threads, GC and the allocator.
 */
record MemoryBudget(double heapPercent, long metaspace, long codeCache, long direct) {
  /** Threads' stacks, GC structures and the allocator's own use, measured loosely. */
  static final long NATIVE_RESERVE = 128L << 20;

  static MemoryBudget ofDockerfile() throws IOException {
    String options = javaToolOptions(Files.readString(Path.of("Dockerfile")));
    return new MemoryBudget(
        Double.parseDouble(option(options, "-XX:MaxRAMPercentage=([0-9.]+)")),
        size(option(options, "-XX:MaxMetaspaceSize=(\\w+)")),
        size(option(options, "-XX:ReservedCodeCacheSize=(\\w+)")),
        size(option(options, "-XX:MaxDirectMemorySize=(\\w+)")));
  }

  /**
   * What a container with memory limit {@code limit} uses at most, RocksDB taking {@code rocksDb}.
   */
  long needed(long limit, long rocksDb) {
    return (long) (limit * heapPercent / 100)
        + rocksDb
        + metaspace
        + codeCache
        + direct
        + NATIVE_RESERVE;
  }

  static long defaultRocksDb() {
    return size(ConfigKeys.defaults().get(ConfigKeys.AGGREGATE_ROCKSDB_MEMORY).orElseThrow());
  }

  /** A Kubernetes memory quantity in binary units: {@code 1Gi}, {@code 1536Mi}. */
  static long kubernetes(String quantity) {
    Matcher m = Pattern.compile("(\\d+)(Ki|Mi|Gi)").matcher(quantity);
    if (!m.matches()) {
      throw new IllegalArgumentException("memory quantity " + quantity);
    }
    return size(m.group(1) + m.group(2).substring(0, 1).toLowerCase(java.util.Locale.ROOT));
  }

  static long size(String text) {
    return ByteSizes.parse(text).orElseThrow(() -> new IllegalArgumentException("size " + text));
  }

  static String javaToolOptions(String dockerfile) {
    Matcher m = Pattern.compile("JAVA_TOOL_OPTIONS=\"([^\"]*)\"").matcher(dockerfile);
    if (!m.find()) {
      throw new IllegalStateException("Dockerfile sets no JAVA_TOOL_OPTIONS");
    }
    return m.group(1);
  }

  private static String option(String options, String regex) {
    Matcher m = Pattern.compile(regex).matcher(options);
    if (!m.find()) {
      throw new IllegalStateException("JAVA_TOOL_OPTIONS lacks " + regex + ": " + options);
    }
    return m.group(1);
  }
}
