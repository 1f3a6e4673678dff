package io.workflowresult.ops;

/**
 * The names of the service's own metrics, as Micrometer names them. They are part of the contract
 * (dashboards and alerts rely on them): Prometheus shows them through Micrometer's Prometheus
 * naming convention — dots turned into underscores, the base unit appended ({@code _seconds}), and
 * {@code _total} on counters — and README lists each with its meaning; a test compares that list
 * with what {@code /metrics} really exports. Label values are lower case ({@code not_found}).
 */
public final class MetricNames {
  private MetricNames() {}

  /** Counter: answers of the API, tagged {@code outcome}. */
  public static final String QUERIES = "wrp.api.responses";

  /** Timer (histogram): one request to the API, sent to answered, tagged {@code outcome}. */
  public static final String API_REQUEST_DURATION = "wrp.api.request.duration";

  /** Gauge: requests to the API in flight right now (never above {@code query.max-in-flight}). */
  public static final String REQUESTS_IN_FLIGHT = "wrp.api.requests.in.flight";

  /** Gauge: the last {@code X-RateLimit-Remaining} the API announced (absent before one came). */
  public static final String RATE_LIMIT_REMAINING = "wrp.api.rate.limit.remaining";

  /** Gauge: 1 while the instance gate is closed for {@code condition}, else 0. */
  public static final String GATE_CLOSED = "wrp.api.gate.closed";

  /**
   * Gauge: API requests per published result since the instance started — every answer counted,
   * instance conditions and dead-lettered runs included (absent before the first result).
   */
  public static final String REQUESTS_PER_RESOLVED_RUN = "wrp.api.requests.per.resolved.run";

  /** Gauge: delayed runs held in memory, waiting for their due time or for a permit. */
  public static final String DELAY_WAITING = "wrp.delay.waiting";

  /** Gauge (seconds): since the oldest waiting run was first seen; 0 when none waits. */
  public static final String DELAY_OLDEST_AGE = "wrp.delay.oldest.age";

  /** Gauge (seconds): {@code firstSeenAt} of the oldest waiting run, absent when none waits. */
  public static final String DELAY_OLDEST_FIRST_SEEN = "wrp.delay.oldest.first.seen.timestamp";

  /** Gauge: records on the delay topic's assigned partitions not fetched yet. */
  public static final String DELAY_UNFETCHED = "wrp.delay.unfetched";

  /** Gauge: waiting runs whose due time has passed (they wait for a permit or the gate). */
  public static final String DELAY_OVERDUE = "wrp.delay.overdue";

  /** Timer (histogram): time from a run's first query to its terminal answer. */
  public static final String RUN_RESOLUTION = "wrp.run.resolution";

  /**
   * Timer (histogram): a result published minus its run's {@code endTime}, tagged {@code schedule}
   * ({@code fixed}, {@code learned}, {@code hinted}: what the run was asked by).
   */
  public static final String RESULT_LATENESS = "wrp.result.lateness";

  /** Counter: results published, tagged {@code schedule} (the run's schedule in use). */
  public static final String RESULTS_BY_SCHEDULE = "wrp.results.by.schedule";

  /** Gauge: workflow versions whose run times the learned schedule knows (own or others'). */
  public static final String LEARNED_WORKFLOWS = "wrp.learned.workflows";

  /** Counter: input hints ignored for their type, tagged {@code field}. */
  public static final String INPUT_HINTS_IGNORED = "wrp.intake.hints.ignored";

  /** Counter: damaged records of {@code topics.run-stats} skipped. */
  public static final String RUN_STATS_SKIPPED = "wrp.run.stats.skipped";

  /** Counter: terminal results published (SUCCEED or FAILED). */
  public static final String RESULTS = "wrp.results";

  /** Counter: dead letters written, tagged {@code reason}. */
  public static final String DEAD_LETTERS = "wrp.dead.letters";

  /** Counter: input records read by intake, tagged {@code outcome} (accepted, invalid). */
  public static final String INTAKE_RECORDS = "wrp.intake.records";

  /** Counter: redundant copies of a waiting run (duplicates, replays) completed without a query. */
  public static final String COALESCED = "wrp.coalesced";

  /** Counter: results-topic records the aggregator skipped, tagged {@code reason}. */
  public static final String AGGREGATE_SKIPPED = "wrp.aggregate.results.skipped";

  /** Gauge: offsets completed (outputs acknowledged) but not committed yet, per instance. */
  public static final String OFFSETS_UNCOMMITTED = "wrp.offsets.completed.uncommitted";

  /**
   * Gauge: consumer lag (end offset minus committed offset) of this service's consumer groups,
   * tagged {@code group} and {@code topic}, summed over partitions; read from the cluster, so every
   * instance shows the group's whole lag.
   */
  public static final String CONSUMER_LAG = "wrp.kafka.consumer.lag";

  /** Gauge: 1 when {@code /health/ready} answers 200, else 0. */
  public static final String READY = "wrp.ready";

  /** Gauge: always 1, tagged {@code version} (of the jar) and {@code java}. */
  public static final String BUILD_INFO = "wrp.build.info";
}
