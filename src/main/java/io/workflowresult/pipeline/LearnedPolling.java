package io.workflowresult.pipeline;

import io.workflowresult.config.AppConfig;
import io.workflowresult.delay.PollSchedule;
import io.workflowresult.delay.learned.CostLadder;
import io.workflowresult.delay.learned.LearnedPollingMetrics;
import io.workflowresult.delay.learned.QueryPlanner;
import io.workflowresult.delay.learned.RunStatsReader;
import io.workflowresult.delay.learned.RunStatsWriter;
import io.workflowresult.delay.learned.RunTimeBook;
import io.workflowresult.delay.learned.ScheduleSettings;
import io.workflowresult.delay.learned.SharedRunStats;
import io.workflowresult.kafka.KafkaClients;
import io.workflowresult.resolver.ResultLearning;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The learned schedule of one process (README, "Learned polling"): one {@link RunTimeBook} and one
 * {@link QueryPlanner} shared by the resolver (which learns from its results and schedules runs not
 * finished yet) and intake (which times the first query of a hinted input), and, once {@link
 * #share} is called, what the instances of the {@code app.id} learned, read at start and exchanged
 * every minute through {@code topics.run-stats} under this instance's identity. Closing writes what
 * was learned since the last write and closes the run-stats clients: after the loops stop.
 */
final class LearnedPolling implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LearnedPolling.class);

  private final AppConfig config;
  private final String instanceIdentity;
  private final LearnedPollingMetrics metrics;
  private final PollSchedule exponential;
  private final RunTimeBook book;
  private final QueryPlanner planner;
  private Consumer<byte[], byte[]> consumer;
  private Producer<byte[], byte[]> producer;
  private SharedRunStats shared;

  /**
   * @param instanceIdentity the name this instance's records of {@code topics.run-stats} are keyed
   *     by: stable across its restarts (it takes its own records back at start) and distinct from
   *     every other instance of the {@code app.id}
   */
  LearnedPolling(AppConfig config, String instanceIdentity, LearnedPollingMetrics metrics) {
    this.config = config;
    this.instanceIdentity = instanceIdentity;
    this.metrics = metrics;
    AppConfig.Poll poll = config.poll();
    this.exponential = new PollSchedule(poll.initialDelay(), poll.maxDelay(), poll.multiplier());
    this.book =
        new RunTimeBook(
            RunTimeBook.Limits.withMinSamples(poll.learnedMinSamples()),
            CostLadder.of(poll.minGap()));
    this.planner =
        new QueryPlanner(
            new ScheduleSettings(
                poll.schedule() == AppConfig.PollScheduleMode.LEARNED,
                poll.minGap(),
                poll.learnedMaxDelay(),
                poll.maxAge(),
                config.api().maxRateLimitWait()),
            book,
            exponential,
            () -> ThreadLocalRandom.current().nextDouble());
  }

  /** The exponential schedule of {@code poll.*}: the planner's tail, and failures' back-off. */
  PollSchedule exponential() {
    return exponential;
  }

  QueryPlanner planner() {
    return planner;
  }

  /** What the resolver does with a published result: learn from it, and measure it. */
  ResultLearning resultLearning() {
    return new ResultLearning(book, metrics);
  }

  /**
   * Reads what the instances of the {@code app.id} learned (for at most {@link
   * SharedRunStats#READ_TIMEOUT}: a slow read never holds the loops back longer), then writes and
   * reads every {@link SharedRunStats#DEFAULT_PERIOD} until closed.
   *
   * @param clientId prefix of the run-stats clients' ids
   */
  void share(KafkaClients clients, String clientId, Clock clock) {
    String topic = config.topics().runStats();
    consumer = clients.reader(clientId + "-run-stats-reader");
    producer = clients.producer(clientId + "-run-stats-writer");
    shared =
        new SharedRunStats(
            new RunStatsReader(consumer, topic),
            new RunStatsWriter(producer, topic, instanceIdentity, book, clock),
            book,
            instanceIdentity,
            RunTimeBook.Limits.DEFAULT_HORIZON,
            clock,
            metrics);
    try {
      shared.load();
    } catch (RuntimeException e) {
      log.warn("cannot read learned run times from {}: learning alone ({})", topic, e.toString());
    }
    shared.start(SharedRunStats.DEFAULT_PERIOD);
  }

  @Override
  public void close() {
    try {
      if (shared != null) {
        shared.close();
      }
    } finally {
      if (producer != null) {
        producer.close(Duration.ofSeconds(5));
      }
      if (consumer != null) {
        consumer.close();
      }
    }
  }

  @Override
  public String toString() {
    return "learned run times (" + config.topics().runStats() + ")";
  }
}
