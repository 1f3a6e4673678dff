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
    RunHeaders headers =
        RunHeaders.fromDelayed(run.headers())
            .sourceIfAbsent(run.source())
            .firstSeen(run.record().firstSeenAt());
    return switch (route.kind()) {
      case PUBLISH -> result(run, (Route.Publish) route, headers);
      case REDELAY -> redelay(run, ((Route.Redelay) route).next(), headers);
      case DEAD_LETTER -> deadLetter(run, ((Route.DeadLetterRoute) route).letter(), headers);
    };
  }

  private ProducerRecord<byte[], byte[]> result(
      PendingRun run, Route.Publish result, RunHeaders headers) {
    Headers h =
        headers
            .status(result.status())
            .attempt(run.record().attempt())
            .truncated(result.truncated())
            .build();
    return new ProducerRecord<>(resultsTopic, null, key(run), result.runObject(), h);
  }

  private ProducerRecord<byte[], byte[]> redelay(
      PendingRun run, DelayRecord next, RunHeaders headers) {
    Headers h = headers.status(next.lastStatus()).attempt(next.attempt()).build();
    return new ProducerRecord<>(
        delayTopic, run.partition().partition(), key(run), next.toJson(), h);
  }

  private ProducerRecord<byte[], byte[]> deadLetter(
      PendingRun run, DeadLetter letter, RunHeaders headers) {
    Headers h =
        headers
            .status(letter.lastStatus())
            .attempt(run.record().attempt())
            .reason(letter.reason().name())
            .build();
    return new ProducerRecord<>(dlqTopic, null, key(run), letter.toJson(), h);
  }

  private static byte[] key(PendingRun run) {
    return run.runId().getBytes(StandardCharsets.UTF_8);
  }
}
