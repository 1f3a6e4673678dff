package io.workflowresult.aggregate;

/**
 * What the aggregator reports; {@code ops} binds it to Micrometer (metric names and tags are {@code
 * ops}'s). Implementations must be thread-safe (every Streams thread calls them) and must not
 * throw.
 */
public interface AggregateMetrics {

  /** A no-op: the default until {@code ops} binds a registry. */
  AggregateMetrics NOOP = reason -> {};

  /** One results-topic record was not aggregated. */
  void resultSkipped(SkipReason reason);

  /** Why a results-topic record was not aggregated. */
  enum SkipReason {
    /** Not JSON, not an object, or a field of the wrong type. */
    UNREADABLE,
    /** No {@code workflowId}. */
    NO_WORKFLOW_ID,
    /** {@code totalCost} present but not a decimal number, or absurdly large/precise. */
    BAD_COST,
    /** {@code status} is not {@code SUCCEED} or {@code FAILED}. */
    NOT_TERMINAL,
    /** A null value (tombstone): ignored, a run's cost is kept for good. */
    TOMBSTONE
  }
}
