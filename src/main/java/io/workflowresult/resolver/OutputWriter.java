package io.workflowresult.resolver;

import io.workflowresult.deadletter.DeadLetter;
import io.workflowresult.delay.DelayRecord;
import io.workflowresult.delay.PendingRun;
import io.workflowresult.kafka.RunHeaders;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;

/**
 * Turns a {@link Route} into the output record: results and dead letters keyed by run ID; a
 * re-delay to the same delay partition its run was read from, so that the copy stays with this
 * owner (and is coalesced with any other copy of the run).
 */
final class OutputWriter {
  private final String delayTopic;
  private final String resultsTopic;
  private final String dlqTopic;

  OutputWriter(ResolverSettings settings) {
    this.delayTopic = settings.delayTopic();
    this.resultsTopic = settings.resultsTopic();
    this.dlqTopic = settings.dlqTopic();
  }

  ProducerRecord<byte[], byte[]> record(PendingRun run, Route route) {
    byte[] key = run.runId().getBytes(StandardCharsets.UTF_8);
    DelayRecord r = run.record();
    RunHeaders headers =
        RunHeaders.fromDelayed(run.headers())
            .sourceIfAbsent(run.source())
            .firstSeen(r.firstSeenAt());
    return switch (route.kind()) {
      case PUBLISH -> {
        Route.Publish p = (Route.Publish) route;
        Headers h =
            headers.status(p.status()).attempt(r.attempt()).truncated(p.truncated()).build();
        yield new ProducerRecord<>(resultsTopic, null, key, p.runObject(), h);
      }
      case REDELAY -> {
        DelayRecord next = ((Route.Redelay) route).next();
        Headers h = headers.status(next.lastStatus()).attempt(next.attempt()).build();
        yield new ProducerRecord<>(delayTopic, run.partition().partition(), key, next.toJson(), h);
      }
      case DEAD_LETTER -> {
        DeadLetter letter = ((Route.DeadLetterRoute) route).letter();
        Headers h =
            headers
                .status(letter.lastStatus())
                .attempt(r.attempt())
                .reason(letter.reason())
                .build();
        yield new ProducerRecord<>(dlqTopic, null, key, letter.toJson(), h);
      }
    };
  }
}
