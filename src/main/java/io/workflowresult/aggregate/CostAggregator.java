package io.workflowresult.aggregate;

import io.workflowresult.config.AppConfig;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.CloseOptions.GroupMembershipOperation;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the cost topology: one {@link KafkaStreams} instance, started by {@link #start()}, stopped
 * by {@link #close(Duration)}.
 *
 * <p>An exception that escapes a stream thread shuts this client down ({@code SHUTDOWN_CLIENT})
 * rather than replacing the thread: the topology already skips every record it cannot read, so what
 * is left is a bug or a broken environment, and a replaced thread would only fail on the same
 * record again, forever, while looking alive. Shut down, the instance reports not running ({@link
 * #isRunning()}, used by {@code /health/ready}), {@code run} stops the process with exit code 1 so
 * that its supervisor restarts it, and its partitions move to the other instances; exactly-once
 * means nothing half-done was committed.
 *
 * <p>A clean {@link #close(Duration)} keeps the group membership by default, so that the same
 * instance started again (a static member, see {@code KafkaClientSettings}) takes its tasks back at
 * once; {@code shutdown.leave-group=true} leaves the group instead, for an instance that is not
 * coming back.
 */
public final class CostAggregator implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CostAggregator.class);

  private final KafkaStreams streams;
  private final GroupMembershipOperation onClose;
  private volatile KafkaStreams.State state = KafkaStreams.State.CREATED;
  private volatile Throwable failure;

  /**
   * A client for {@code topology} (from {@link CostTopology#build}) that keeps its group membership
   * on close; not started yet.
   */
  public CostAggregator(Topology topology, Properties streamsProperties) {
    this(topology, streamsProperties, false);
  }

  /** As above; {@code leaveGroupOnClose} is {@code shutdown.leave-group}. */
  public CostAggregator(
      Topology topology, Properties streamsProperties, boolean leaveGroupOnClose) {
    this.streams = new KafkaStreams(topology, streamsProperties);
    this.onClose =
        leaveGroupOnClose
            ? GroupMembershipOperation.LEAVE_GROUP
            : GroupMembershipOperation.REMAIN_IN_GROUP;
    streams.setStateListener(this::onStateChange);
    streams.setUncaughtExceptionHandler(
        e -> {
          failure = e;
          LOG.error("cost aggregator stream thread failed; shutting the aggregator down", e);
          return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
  }

  /** The production aggregator for {@code config}: {@link CostTopology} with its settings. */
  public static CostAggregator create(AppConfig config, AggregateMetrics metrics) {
    Properties properties = AggregatorStreamsConfig.from(config);
    return new CostAggregator(
        CostTopology.build(CostTopology.Settings.from(config), metrics, properties),
        properties,
        config.instance().leaveGroupOnShutdown());
  }

  /** Starts processing; returns at once (Streams rebalances and restores in the background). */
  public void start() {
    streams.start();
  }

  /** True while Streams is {@code RUNNING}: partitions assigned and stores restored. */
  public boolean isRunning() {
    return state == KafkaStreams.State.RUNNING;
  }

  /** Current Streams state. */
  public KafkaStreams.State state() {
    return state;
  }

  /** What made a stream thread fail, once one has. */
  public Optional<Throwable> failure() {
    return Optional.ofNullable(failure);
  }

  /** The Streams client, for the interactive queries of {@code aggregate.query}. */
  public KafkaStreams streams() {
    return streams;
  }

  /** Stops processing and commits, waiting up to {@code timeout}; true when it stopped in time. */
  public boolean close(Duration timeout) {
    return streams.close(CloseOptions.timeout(timeout).withGroupMembershipOperation(onClose));
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(30));
  }

  private void onStateChange(KafkaStreams.State newState, KafkaStreams.State oldState) {
    state = newState;
    if (newState == KafkaStreams.State.ERROR) {
      LOG.error("cost aggregator stopped: Streams state {} (was {})", newState, oldState);
    } else {
      LOG.info("cost aggregator state {} (was {})", newState, oldState);
    }
  }
}
