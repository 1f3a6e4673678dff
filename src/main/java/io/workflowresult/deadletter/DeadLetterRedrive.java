package io.workflowresult.deadletter;

import io.workflowresult.kafka.RecordSource;
import io.workflowresult.kafka.TopicScan;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends dead letters back to the input topic. Reads the dead-letter topic from the beginning up to
 * its end offsets as of the start ({@link TopicScan}), each record as a {@link DeadLetter}, keeps
 * those that match the reasons and the time range ({@code failedAt}), drops the runs that already
 * have a result (the results topic's keys, read up to its end offsets) and the repeated ones, and
 * produces each remaining run ID as a bare value.
 *
 * <p>{@code INVALID_INPUT} letters carry no valid run ID: they are sent back only when that reason
 * is asked for explicitly, as the original input bytes, and only when the letter holds them whole
 * (not {@code inputTruncated}); the service will most likely dead-letter them again unless the
 * validation rules changed.
 */
public final class DeadLetterRedrive {
  /** Header naming the dead letter ({@code topic/partition/offset}) a redriven record came from. */
  public static final String SOURCE_HEADER = "redrive.source";

  private final TopicScan scan;
  private final Map<String, Object> producerSettings;

  /**
   * @param consumerSettings consumer properties (the group is not used: partitions are assigned)
   * @param producerSettings producer properties (idempotent, {@code acks=all})
   * @param readTimeout how long reading a topic to its end may go without progress
   */
  public DeadLetterRedrive(
      Map<String, Object> consumerSettings,
      Map<String, Object> producerSettings,
      Duration readTimeout) {
    this.scan = new TopicScan(consumerSettings, readTimeout);
    this.producerSettings = producerSettings;
  }

  /** What to redrive: topics, reasons (empty = all but {@code INVALID_INPUT}), time range. */
  public record Request(
      String dlqTopic,
      String resultsTopic,
      String inputTopic,
      Set<DeadLetterReason> reasons,
      Optional<Instant> since,
      Optional<Instant> until,
      boolean dryRun) {}

  /** What it did (or, on a dry run, would do). */
  public record Report(
      long deadLettersRead,
      Map<DeadLetterReason, Long> matchedByReason,
      long outsideRange,
      long otherReason,
      long unreadable,
      long duplicates,
      long alreadyResolved,
      long invalidInputNotRequested,
      long invalidInputIncomplete,
      List<String> redriven,
      boolean dryRun) {}

  private record Candidate(
      String runId, byte[] value, RecordHeaders headers, DeadLetterReason reason) {}

  /** Runs the redrive and reports it. */
  public Report run(Request request) throws InterruptedException {
    Tally tally = new Tally();
    Map<String, Candidate> candidates = new LinkedHashMap<>();
    scan.each(request.dlqTopic(), r -> consider(request, r, candidates, tally));
    if (!candidates.isEmpty()) {
      scan.each(
          request.resultsTopic(),
          r -> {
            String runId = r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8);
            if (runId != null && candidates.remove(runId) != null) {
              tally.alreadyResolved++;
            }
          });
    }
    List<String> redriven = new ArrayList<>(candidates.keySet());
    if (!request.dryRun() && !candidates.isEmpty()) {
      produce(request.inputTopic(), candidates.values());
    }
    return new Report(
        tally.read,
        tally.matched,
        tally.outsideRange,
        tally.otherReason,
        tally.unreadable,
        tally.duplicates,
        tally.alreadyResolved,
        tally.invalidNotRequested,
        tally.invalidIncomplete,
        redriven,
        request.dryRun());
  }

  private static final class Tally {
    long read;
    long outsideRange;
    long otherReason;
    long unreadable;
    long duplicates;
    long alreadyResolved;
    long invalidNotRequested;
    long invalidIncomplete;
    // by name, so the report lists reasons in alphabetical order
    final Map<DeadLetterReason, Long> matched = new TreeMap<>(Comparator.comparing(Enum::name));
  }

  private void consider(
      Request request,
      ConsumerRecord<byte[], byte[]> record,
      Map<String, Candidate> candidates,
      Tally tally) {
    tally.read++;
    Optional<DeadLetter> read =
        Optional.ofNullable(record.value())
            .flatMap(DeadLetter::fromJson)
            .filter(l -> l.reason() != null);
    if (read.isEmpty()) {
      tally.unreadable++;
      return;
    }
    DeadLetter letter = read.get();
    DeadLetterReason reason = letter.reason();
    boolean asked =
        request.reasons().isEmpty()
            ? reason != DeadLetterReason.INVALID_INPUT
            : request.reasons().contains(reason);
    if (!asked) {
      if (reason == DeadLetterReason.INVALID_INPUT && request.reasons().isEmpty()) {
        tally.invalidNotRequested++;
      } else {
        tally.otherReason++;
      }
      return;
    }
    // a letter always has failedAt; the record's own time stands in for one written without
    Instant failedAt =
        Instant.ofEpochMilli(letter.failedAt() != 0 ? letter.failedAt() : record.timestamp());
    if (request.since().filter(failedAt::isBefore).isPresent()
        || request.until().filter(u -> !failedAt.isBefore(u)).isPresent()) {
      tally.outsideRange++;
      return;
    }
    Optional<Candidate> candidate = candidateOf(letter, record);
    if (candidate.isEmpty()) {
      if (reason == DeadLetterReason.INVALID_INPUT) {
        tally.invalidIncomplete++;
      } else {
        tally.unreadable++;
      }
      return;
    }
    tally.matched.merge(reason, 1L, Long::sum);
    if (candidates.put(candidate.get().runId(), candidate.get()) != null) {
      tally.duplicates++;
    }
  }

  private static Optional<Candidate> candidateOf(
      DeadLetter letter, ConsumerRecord<byte[], byte[]> record) {
    RecordHeaders headers = new RecordHeaders();
    for (Header h : record.headers()) {
      if (!h.key().startsWith("run.") && !h.key().startsWith("redrive.")) {
        headers.add(h);
      }
    }
    headers.add(SOURCE_HEADER, RecordSource.of(record).toString().getBytes(StandardCharsets.UTF_8));
    if (letter.reason() == DeadLetterReason.INVALID_INPUT) {
      return originalInput(letter)
          .map(
              bytes ->
                  new Candidate(
                      "input:" + Objects.toString(letter.inputSha256(), ""),
                      bytes,
                      headers,
                      letter.reason()));
    }
    String runId = letter.workflowRunId();
    if (runId == null || runId.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(
        new Candidate(runId, runId.getBytes(StandardCharsets.UTF_8), headers, letter.reason()));
  }

  /**
   * The input bytes of an {@code INVALID_INPUT} letter when it holds them whole: text, or base64 of
   * bytes that are not UTF-8 — told apart by {@code inputSha256}.
   */
  static Optional<byte[]> originalInput(DeadLetter letter) {
    if (Boolean.TRUE.equals(letter.inputTruncated()) || letter.input() == null) {
      return Optional.empty();
    }
    String sha = letter.inputSha256() == null ? "" : letter.inputSha256();
    byte[] text = letter.input().getBytes(StandardCharsets.UTF_8);
    if (sha.isEmpty() || sha.equalsIgnoreCase(DeadLetters.sha256(text))) {
      return Optional.of(text);
    }
    try {
      byte[] decoded = Base64.getDecoder().decode(letter.input());
      return sha.equalsIgnoreCase(DeadLetters.sha256(decoded))
          ? Optional.of(decoded)
          : Optional.empty();
    } catch (IllegalArgumentException notBase64) {
      return Optional.empty();
    }
  }

  private void produce(String topic, Iterable<Candidate> candidates) throws InterruptedException {
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(
            producerSettings, new ByteArraySerializer(), new ByteArraySerializer())) {
      List<Future<RecordMetadata>> sends = new ArrayList<>();
      for (Candidate c : candidates) {
        byte[] key = c.reason() == DeadLetterReason.INVALID_INPUT ? null : c.value();
        sends.add(producer.send(new ProducerRecord<>(topic, null, key, c.value(), c.headers())));
      }
      producer.flush();
      for (Future<RecordMetadata> send : sends) {
        send.get();
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "could not write to " + topic + ": " + e.getCause().getMessage(), e.getCause());
    }
  }
}
