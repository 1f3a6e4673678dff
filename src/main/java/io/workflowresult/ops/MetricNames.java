package io.workflowresult.ops;

import java.util.List;

/**
 * The names of every metric the service exposes on {@code /metrics}. They are part of the contract
 * (dashboards and alerts rely on them): README lists each with its meaning, and a test fails when
 * one is missing there. Constants hold Micrometer's dotted names; Prometheus shows them with dots
 * turned into underscores and its unit suffixes ({@code _total} for counters, {@code _seconds} for
 * timers), which {@link #prometheusName(String)} gives.
 */
public final class MetricNames {
  private MetricNames() {}

  /** Counter: answers of the API, tagged {@code outcome}. */
  public static final String QUERIES = "wrp.queries";

  /** Gauge: requests to the API in flight right now (never above {@code query.max-in-flight}). */
  public static final String REQUESTS_IN_FLIGHT = "wrp.requests.in.flight";

  /** Gauge: delayed runs held in memory, waiting for their due time or for a permit. */
  public static final String DELAY_WAITING = "wrp.delay.waiting";

  /** Gauge: seconds since the oldest waiting run was first seen. */
  public static final String DELAY_OLDEST_AGE = "wrp.delay.oldest.age.seconds";

  /** Gauge: {@code firstSeenAt} of the oldest waiting run, Unix seconds (0 when none waits). */
  public static final String DELAY_OLDEST_FIRST_SEEN = "wrp.delay.oldest.first.seen.seconds";

  /** Gauge: records on the delay topic's assigned partitions not fetched yet. */
  public static final String DELAY_UNFETCHED = "wrp.delay.unfetched";

  /** Gauge: waiting runs whose due time has passed (they wait for a permit or the gate). */
  public static final String DELAY_OVERDUE = "wrp.delay.overdue";

  /** Timer (histogram): time from a run's first query to its terminal answer. */
  public static final String RUN_RESOLUTION = "wrp.run.resolution";

  /**
   * Gauge: API requests per published result since the instance started — every answer counted,
   * instance conditions and dead-lettered runs included (NaN before the first result).
   */
  public static final String REQUESTS_PER_RESOLVED_RUN = "wrp.requests.per.resolved.run";

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

  /** Gauge: the last {@code X-RateLimit-Remaining} the API announced (NaN before one came). */
  public static final String RATE_LIMIT_REMAINING = "wrp.api.rate.limit.remaining";

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

  /** Every name above, in the order README lists them. */
  public static final List<String> ALL =
      List.of(
          QUERIES,
          REQUESTS_IN_FLIGHT,
          DELAY_WAITING,
          DELAY_OLDEST_AGE,
          DELAY_OLDEST_FIRST_SEEN,
          DELAY_UNFETCHED,
          DELAY_OVERDUE,
          RUN_RESOLUTION,
          REQUESTS_PER_RESOLVED_RUN,
          RESULTS,
          DEAD_LETTERS,
          INTAKE_RECORDS,
          COALESCED,
          AGGREGATE_SKIPPED,
          RATE_LIMIT_REMAINING,
          OFFSETS_UNCOMMITTED,
          CONSUMER_LAG,
          READY);

  /** The name as Prometheus shows it, for counters and timers with their suffix. */
  public static String prometheusName(String name) {
    String base = name.replace('.', '_');
    if (name.equals(QUERIES)
        || name.equals(RESULTS)
        || name.equals(DEAD_LETTERS)
        || name.equals(INTAKE_RECORDS)
        || name.equals(COALESCED)
        || name.equals(AGGREGATE_SKIPPED)) {
      return base + "_total";
    }
    if (name.equals(RUN_RESOLUTION)) {
      return base + "_seconds";
    }
    return base;
  }
}
