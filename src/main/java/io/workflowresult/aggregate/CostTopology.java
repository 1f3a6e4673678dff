package io.workflowresult.aggregate;

import io.workflowresult.config.AppConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The aggregator's topology (README "Cost aggregates"):
 *
 * <pre>
 * results ─► project (RunCost) ─► table by run ID ─┬─► group by workflow ID ─► totals ─► cost-totals
 *                                                  └─► group by workflow@window ─► windows ─► cost-windows
 * </pre>
 *
 * The run table holds the latest result of every run, so a repeated result reaches the aggregations
 * as "subtract the old, add the new": nothing is counted twice, and a late result updates its own
 * window. Both aggregations see exactly the same runs, so a workflow's windows always sum to its
 * total. A window whose last run moved elsewhere stays, with zero runs.
 *
 * <p>Every processor, store and repartition topic has a fixed name (the constants below): renaming
 * one renames a changelog or repartition topic and breaks a rolling upgrade, so the snapshot test
 * of {@code describe()} fails on any change.
 */
public final class CostTopology {
  /** The run table: run ID → {@link RunCost}. */
  public static final String RUNS_STORE = "cost-runs";

  /** Totals: workflow ID → {@link CostSum}. */
  public static final String TOTALS_STORE = "cost-totals";

  /** Windows: {@link WindowKey} text → {@link CostSum}. */
  public static final String WINDOWS_STORE = "cost-windows";

  private static final Serde<String> KEYS = Serdes.String();
  private static final Serde<RunCost> RUNS = new RunCostSerde();
  private static final Serde<CostSum> SUMS = new CostSumJson();

  private CostTopology() {}

  /**
   * What the topology needs to know.
   *
   * @param windowSize size of the cost windows; positive
   * @param clock gives {@code updatedAt}
   */
  public record Settings(
      String resultsTopic,
      String totalsTopic,
      String windowsTopic,
      Duration windowSize,
      Clock clock) {
    public Settings {
      Objects.requireNonNull(resultsTopic, "resultsTopic");
      Objects.requireNonNull(totalsTopic, "totalsTopic");
      Objects.requireNonNull(windowsTopic, "windowsTopic");
      Objects.requireNonNull(clock, "clock");
      if (windowSize == null || windowSize.toMillis() <= 0) {
        throw new IllegalArgumentException("windowSize must be positive, got " + windowSize);
      }
    }

    /** From the service's configuration, with the system clock. */
    public static Settings from(AppConfig config) {
      return new Settings(
          config.topics().results(),
          config.topics().costTotals(),
          config.topics().costWindows(),
          config.aggregateWindow(),
          Clock.systemUTC());
    }
  }

  /** The production topology, with Kafka Streams' default topology settings. */
  public static Topology build(Settings settings, AggregateMetrics metrics) {
    return build(settings, metrics, new StreamsBuilder());
  }

  /**
   * The production topology with the topology settings of {@code streamsProperties} (those the
   * stores of the topology are built with, such as {@code enable.transactional.statestores}).
   */
  public static Topology build(
      Settings settings, AggregateMetrics metrics, Properties streamsProperties) {
    return build(
        settings,
        metrics,
        new StreamsBuilder(new TopologyConfig(new StreamsConfig(streamsProperties))));
  }

  private static Topology build(
      Settings settings, AggregateMetrics metrics, StreamsBuilder builder) {
    KTable<String, RunCost> runs =
        builder.stream(
                settings.resultsTopic(),
                Consumed.with(KEYS, Serdes.ByteArray()).withName("results-source"))
            .processValues(() -> new ResultProjector(metrics), Named.as("results-project"))
            .toTable(
                Named.as("runs-table"),
                Materialized.<String, RunCost, KeyValueStore<Bytes, byte[]>>as(RUNS_STORE)
                    .withKeySerde(KEYS)
                    .withValueSerde(RUNS));
    totals(runs, settings);
    windows(runs, settings);
    return builder.build();
  }

  private static void totals(KTable<String, RunCost> runs, Settings settings) {
    Clock clock = settings.clock();
    runs.groupBy(
            (runId, run) -> KeyValue.pair(run.workflowId(), run),
            Grouped.with("totals-by-workflow", KEYS, RUNS))
        .aggregate(
            CostSum::empty,
            (workflowId, run, sum) -> sum.plus(run, clock.millis()),
            (workflowId, run, sum) -> sum.minus(run, clock.millis()),
            Named.as("totals-aggregate"),
            Materialized.<String, CostSum, KeyValueStore<Bytes, byte[]>>as(TOTALS_STORE)
                .withKeySerde(KEYS)
                .withValueSerde(SUMS))
        .toStream(Named.as("totals-changes"))
        .to(settings.totalsTopic(), Produced.with(KEYS, SUMS).withName("totals-sink"));
  }

  private static void windows(KTable<String, RunCost> runs, Settings settings) {
    Clock clock = settings.clock();
    long size = settings.windowSize().toMillis();
    runs.groupBy(
            (runId, run) -> KeyValue.pair(windowKey(run, size).format(), run),
            Grouped.with("windows-by-workflow-window", KEYS, RUNS))
        .aggregate(
            CostSum::empty,
            (key, run, sum) -> sum.plus(run, clock.millis()).in(windowKey(run, size).window()),
            (key, run, sum) -> sum.minus(run, clock.millis()),
            Named.as("windows-aggregate"),
            Materialized.<String, CostSum, KeyValueStore<Bytes, byte[]>>as(WINDOWS_STORE)
                .withKeySerde(KEYS)
                .withValueSerde(SUMS))
        .toStream(Named.as("windows-changes"))
        .to(settings.windowsTopic(), Produced.with(KEYS, SUMS).withName("windows-sink"));
  }

  private static WindowKey windowKey(RunCost run, long size) {
    return WindowKey.of(run.workflowId(), run.eventTime(), size);
  }
}
