package io.workflowresult.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.workflowresult.api.QueryOutcome;
import io.workflowresult.deadletter.DeadLetterReason;
import io.workflowresult.delay.learned.LearnedPollingMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.DoubleSupplier;

/**
 * The service's own meters ({@link MetricNames}), registered once on a {@link MeterRegistry}. The
 * pipeline pushes values here (through the resolver's metrics interface and the metered API
 * client); gauges read the last value pushed, or a supplier bound later. Thread-safe.
 */
public final class PipelineMeters {
  /** Dead-letter reasons of the topic contract, lower case, shown at 0 from the start. */
  public static final List<String> DEAD_LETTER_REASONS =
      Arrays.stream(DeadLetterReason.values()).map(PipelineMeters::label).toList();

  /** Query outcomes, one per {@link QueryOutcome.Kind}, shown at 0 from the start. */
  public static final List<String> QUERY_OUTCOMES =
      Arrays.stream(QueryOutcome.Kind.values()).map(QueryOutcome.Kind::label).toList();

  private static final String QUERIES_DOC = "answers of the API";
  private static final String DEAD_LETTERS_DOC = "dead letters written";
  private static final String INTAKE_DOC = "input records read";

  private final MeterRegistry registry;
  private final Clock clock;
  private final Map<String, Counter> queries = new ConcurrentHashMap<>();
  private final Map<String, Counter> deadLetters = new ConcurrentHashMap<>();
  private final Map<String, Counter> intake = new ConcurrentHashMap<>();
  private final Map<String, Counter> skipped = new ConcurrentHashMap<>();
  private final Counter results;
  private final Counter coalesced;
  private final AtomicLong inFlight = new AtomicLong();
  private final AtomicLong waiting = new AtomicLong();
  private final AtomicLong overdue = new AtomicLong();
  private final AtomicLong uncommitted = new AtomicLong();
  private final AtomicLong oldestFirstSeenMs = new AtomicLong();
  private final ApiMeters api;
  private final LearnedMeters learned;
  private final OptionalGauge oldestFirstSeen;
  private final OptionalGauge rateLimitRemaining;
  private final OptionalGauge requestsPerResolvedRun;
  private final MultiGauge consumerLag;
  private final AtomicReference<DoubleSupplier> unfetched = new AtomicReference<>(() -> 0);
  private final Timer resolution;

  public PipelineMeters(MeterRegistry registry, Clock clock) {
    this.registry = registry;
    this.clock = clock;
    QUERY_OUTCOMES.forEach(o -> counter(queries, MetricNames.QUERIES, "outcome", o, QUERIES_DOC));
    DEAD_LETTER_REASONS.forEach(
        r -> counter(deadLetters, MetricNames.DEAD_LETTERS, "reason", r, DEAD_LETTERS_DOC));
    List.of("accepted", "invalid")
        .forEach(o -> counter(intake, MetricNames.INTAKE_RECORDS, "outcome", o, INTAKE_DOC));
    results =
        Counter.builder(MetricNames.RESULTS)
            .description("terminal results published")
            .register(registry);
    coalesced =
        Counter.builder(MetricNames.COALESCED)
            .description("redundant copies of a waiting run completed without a query")
            .register(registry);
    gauge(MetricNames.REQUESTS_IN_FLIGHT, "requests to the API in flight", inFlight);
    gauge(MetricNames.DELAY_WAITING, "delayed runs held in memory", waiting);
    gauge(MetricNames.DELAY_OVERDUE, "waiting runs past their due time", overdue);
    gauge(MetricNames.OFFSETS_UNCOMMITTED, "completed offsets not committed yet", uncommitted);
    Gauge.builder(MetricNames.DELAY_UNFETCHED, unfetched, u -> u.get().getAsDouble())
        .description("delay-topic records not fetched yet")
        .register(registry);
    oldestFirstSeen =
        new OptionalGauge(
            registry,
            MetricNames.DELAY_OLDEST_FIRST_SEEN,
            "firstSeenAt of the oldest waiting run, Unix time",
            "seconds");
    Gauge.builder(MetricNames.DELAY_OLDEST_AGE, this, PipelineMeters::oldestAgeSeconds)
        .description("seconds since the oldest waiting run was first seen")
        .baseUnit("seconds")
        .register(registry);
    rateLimitRemaining =
        new OptionalGauge(
            registry,
            MetricNames.RATE_LIMIT_REMAINING,
            "last X-RateLimit-Remaining announced by the API",
            null);
    requestsPerResolvedRun =
        new OptionalGauge(
            registry,
            MetricNames.REQUESTS_PER_RESOLVED_RUN,
            "API requests per published result since start",
            null);
    consumerLag =
        MultiGauge.builder(MetricNames.CONSUMER_LAG)
            .description("consumer lag of this service's groups, summed over partitions")
            .register(registry);
    api = new ApiMeters(registry);
    learned = new LearnedMeters(registry);
    resolution =
        Timer.builder(MetricNames.RUN_RESOLUTION)
            .description("time from a run's first query to its terminal answer")
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofMillis(10))
            .maximumExpectedValue(Duration.ofDays(1))
            .register(registry);
  }

  /** One answer of the API, classified as {@code outcome} (one of {@link #QUERY_OUTCOMES}). */
  public void query(String outcome) {
    counter(queries, MetricNames.QUERIES, "outcome", outcome, QUERIES_DOC).increment();
  }

  /** The API's request durations and the instance gate's state. */
  public ApiMeters api() {
    return api;
  }

  /** The learned schedule's meters. */
  public LearnedPollingMetrics learned() {
    return learned;
  }

  /** Consumer lag by {@code group} and {@code topic}: the rows shown now (others removed). */
  public void consumerLag(Map<List<String>, Long> lagByGroupAndTopic) {
    List<MultiGauge.Row<?>> rows = new ArrayList<>();
    lagByGroupAndTopic.forEach(
        (key, lag) ->
            rows.add(MultiGauge.Row.of(Tags.of("group", key.get(0), "topic", key.get(1)), lag)));
    consumerLag.register(rows, true);
  }

  /** A terminal result was published, {@code sinceFirstQuery} after the run's first query. */
  public void result(Duration sinceFirstQuery) {
    results.increment();
    if (!sinceFirstQuery.isNegative()) {
      resolution.record(sinceFirstQuery);
    }
  }

  /** A dead letter was written. */
  public void deadLetter(DeadLetterReason reason) {
    counter(deadLetters, MetricNames.DEAD_LETTERS, "reason", label(reason), DEAD_LETTERS_DOC)
        .increment();
  }

  /** Intake read one input record: valid (forwarded) or not (dead-lettered). */
  public void intake(boolean valid) {
    counter(
            intake,
            MetricNames.INTAKE_RECORDS,
            "outcome",
            valid ? "accepted" : "invalid",
            INTAKE_DOC)
        .increment();
  }

  /** The aggregator skipped a results-topic record for {@code reason} (lower case). */
  public void aggregateSkipped(String reason, int count) {
    counter(
            skipped,
            MetricNames.AGGREGATE_SKIPPED,
            "reason",
            reason,
            "results-topic records the aggregator skipped")
        .increment(count);
  }

  /** Redundant copies completed without a query. */
  public void coalesced(int count) {
    coalesced.increment(count);
  }

  public void requestsInFlight(long n) {
    inFlight.set(n);
  }

  public void delayWaiting(long n) {
    waiting.set(n);
  }

  public void delayOverdue(long n) {
    overdue.set(n);
  }

  /** Age of the oldest waiting run since it was first seen; zero when none waits. */
  public void oldestWaitingAge(Duration age) {
    oldestFirstSeen(age.isZero() || age.isNegative() ? 0 : clock.millis() - age.toMillis());
  }

  /** Epoch ms of the oldest waiting run's {@code firstSeenAt}; 0 (or less) when none waits. */
  public void oldestFirstSeen(long epochMs) {
    oldestFirstSeenMs.set(Math.max(0, epochMs));
    if (epochMs > 0) {
      oldestFirstSeen.set(epochMs / 1000.0);
    } else {
      oldestFirstSeen.clear();
    }
  }

  public void uncommittedOffsets(long n) {
    uncommitted.set(n);
  }

  /** Where {@link MetricNames#DELAY_UNFETCHED} is read from (the resolver consumer's lag). */
  public void unfetchedFrom(DoubleSupplier source) {
    unfetched.set(source);
  }

  /** Requests per published result since start; NaN (before the first result) hides it. */
  public void requestsPerResolvedRun(double ratio) {
    requestsPerResolvedRun.set(ratio);
  }

  public void rateLimitRemaining(long remaining) {
    rateLimitRemaining.set(remaining);
  }

  /** The registry these meters live on (for binders of Kafka client metrics). */
  public MeterRegistry registry() {
    return registry;
  }

  private double oldestAgeSeconds() {
    long first = oldestFirstSeenMs.get();
    return first <= 0 ? 0 : Math.max(0, clock.millis() - first) / 1000.0;
  }

  /** A label value: lower case, as every label value of the service's metrics. */
  private static String label(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }

  private void gauge(String name, String description, AtomicLong value) {
    Gauge.builder(name, value, AtomicLong::get).description(description).register(registry);
  }

  private Counter counter(
      Map<String, Counter> cache, String name, String tag, String value, String description) {
    return cache.computeIfAbsent(
        value, v -> Counter.builder(name).description(description).tag(tag, v).register(registry));
  }
}
