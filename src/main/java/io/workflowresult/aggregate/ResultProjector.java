package io.workflowresult.aggregate;

import io.workflowresult.aggregate.AggregateMetrics.SkipReason;
import io.workflowresult.aggregate.ResultReader.Read;
import io.workflowresult.aggregate.ResultReader.Skipped;
import io.workflowresult.kafka.RecordSource;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First step of the topology: a results-topic record (run ID → the API's run object) becomes a
 * {@link RunCost}, or is skipped with one WARN line (topic/partition/offset and run ID) and a
 * metric. It never throws, so no record stops the stream.
 *
 * <p>A tombstone is ignored (logged at WARN, counted as {@link SkipReason#TOMBSTONE}): the run
 * table keeps every run for good, and a run's cost is permanent once a result is published (README
 * "Cost aggregates"). Passing the tombstone on would subtract that cost from the totals.
 *
 * <p>The input's headers are dropped: a total belongs to many runs, not to the one that happened to
 * update it last.
 */
final class ResultProjector implements FixedKeyProcessor<String, byte[], RunCost> {
  private static final Logger LOG = LoggerFactory.getLogger(ResultProjector.class);

  private final AggregateMetrics metrics;
  private FixedKeyProcessorContext<String, RunCost> context;

  ResultProjector(AggregateMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public void init(FixedKeyProcessorContext<String, RunCost> context) {
    this.context = context;
  }

  @Override
  public void process(FixedKeyRecord<String, byte[]> record) {
    ResultReader.Reading reading =
        record.key() == null
            ? new Skipped(SkipReason.UNREADABLE, "no run ID key")
            : ResultReader.read(record.value(), record.timestamp());
    if (reading instanceof Read read) {
      forward(record, read.run());
    } else if (reading instanceof Skipped skipped) {
      skip(record.key(), skipped);
    }
  }

  private void forward(FixedKeyRecord<String, byte[]> record, RunCost run) {
    if (LOG.isDebugEnabled()) {
      LOG.debug("run {} of workflow {} costs {}", record.key(), run.workflowId(), run.cost());
    }
    context.forward(record.withValue(run).withHeaders(new RecordHeaders()));
  }

  private void skip(String runId, Skipped skipped) {
    metrics.resultSkipped(skipped.reason());
    LOG.warn(
        "skipped result of run {} at {}: {} ({})",
        runId,
        source(),
        skipped.reason(),
        skipped.detail());
  }

  private String source() {
    return context
        .recordMetadata()
        .map(m -> new RecordSource(m.topic(), m.partition(), m.offset()).toString())
        .orElse("unknown offset");
  }
}
