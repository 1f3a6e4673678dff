package io.workflowresult.resolver;

import io.workflowresult.delay.PendingRun;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes each {@link Output} and follows it until it is acknowledged. Acknowledgements come back as
 * {@link LoopEvent.Produced}. A failed write never completes its record: it is sent again after
 * {@value #RESEND_DELAY_MS} ms, for as long as its partition is owned. A result the producer
 * refuses as too large goes back to the {@link OutcomeRouter}, which makes it a {@code
 * RESULT_TOO_LARGE} dead letter.
 */
final class OutputSender {
  private static final Logger log = LoggerFactory.getLogger(OutputSender.class);
  static final long RESEND_DELAY_MS = 1_000;

  private final Producer<byte[], byte[]> producer;
  private final OutputWriter writer;
  private final OutcomeRouter router;
  private final OwnedPartitions partitions;
  private final LoopEvents events;
  private final Clock clock;
  private final List<Resend> resends = new ArrayList<>();
  private int producing;

  private record Resend(long atMs, LoopEvent.Produced failed) {}

  OutputSender(
      Producer<byte[], byte[]> producer,
      OutputWriter writer,
      OutcomeRouter router,
      OwnedPartitions partitions,
      LoopEvents events,
      Clock clock) {
    this.producer = producer;
    this.writer = writer;
    this.router = router;
    this.partitions = partitions;
    this.events = events;
    this.clock = clock;
  }

  /** Writes the record of {@code output}. */
  void send(Output output) {
    sendRecord(output, writer.record(output.run(), output.route()));
  }

  /**
   * Takes the producer's word on an output.
   *
   * @return whether the output is written, so that its run is done; {@code false} when it failed
   *     (it is sent again, or elsewhere) or its partition moved on
   */
  boolean acknowledged(LoopEvent.Produced p) {
    producing--;
    if (!partitions.isCurrent(p.output().owner())) {
      return false;
    }
    if (p.error() == null) {
      return true;
    }
    Output output = p.output();
    PendingRun run = output.run();
    if (p.error() instanceof RecordTooLargeException
        && output.route().kind() == Route.Kind.PUBLISH) {
      Route.Publish result = (Route.Publish) output.route();
      log.warn(
          "run {} at {}: the result ({} bytes) is larger than the producer accepts: dead letter",
          run.runId(),
          run.source(),
          result.runObject().length);
      send(output.rerouted(router.resultTooLarge(output.sent(), result, clock.millis())));
      return false;
    }
    log.warn(
        "run {} at {}: writing to {} failed, retrying in {} ms: {}",
        run.runId(),
        run.source(),
        p.record().topic(),
        RESEND_DELAY_MS,
        p.error().toString());
    resends.add(new Resend(clock.millis() + RESEND_DELAY_MS, p));
    return false;
  }

  /** Sends again the failed writes whose time has come. */
  void resendDue(long nowMs) {
    for (Iterator<Resend> it = resends.iterator(); it.hasNext(); ) {
      Resend r = it.next();
      if (r.atMs() > nowMs) {
        continue;
      }
      it.remove();
      LoopEvent.Produced failed = r.failed();
      if (partitions.isCurrent(failed.output().owner())) {
        sendRecord(failed.output(), failed.record());
      }
    }
  }

  /** Whether writes are out or waiting to be sent again. */
  boolean busy() {
    return producing > 0 || !resends.isEmpty();
  }

  private void sendRecord(Output output, ProducerRecord<byte[], byte[]> record) {
    producing++;
    try {
      producer.send(
          record,
          (metadata, error) -> events.add(new LoopEvent.Produced(output, record, metadata, error)));
    } catch (KafkaException | IllegalStateException e) {
      events.add(new LoopEvent.Produced(output, record, null, e));
    }
  }
}
