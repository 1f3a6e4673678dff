package io.workflowresult.deadletter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends dead letters back to the input topic. Reads the dead-letter topic from the beginning up to
 * its end offsets as of the start, keeps those that match the reasons and the time range ({@code
 * failedAt}), drops the runs that already have a result (the results topic's keys, read up to its
 * end offsets) and the repeated ones, and produces each remaining run ID as a bare value.
 *
 * <p>{@code INVALID_INPUT} letters carry no valid run ID: they are sent back only when that reason
 * is asked for explicitly, as the original input bytes, and only when the letter holds them whole
 * (not {@code inputTruncated}); the service will most likely dead-letter them again unless the
 * validation rules changed.
 */
public final class DeadLetterRedrive {
  /** The one reason not redriven unless asked for by name. */
  public static final String INVALID_INPUT = "INVALID_INPUT";

  /** Header naming the dead letter ({@code topic/partition/offset}) a redriven record came from. */
  public static final String SOURCE_HEADER = "redrive.source";

  private static final Duration POLL = Duration.ofMillis(200);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, Object> consumerSettings;
  private final Map<String, Object> producerSettings;
  private final Duration readTimeout;

  /**
   * @param consumerSettings consumer properties (the group is not used: partitions are assigned)
   * @param producerSettings producer properties (idempotent, {@code acks=all})
   * @param readTimeout how long reading a topic to its end may go without progress
   */
  public DeadLetterRedrive(
      Map<String, Object> consumerSettings,
      Map<String, Object> producerSettings,
      Duration readTimeout) {
    this.consumerSettings = consumerSettings;
    this.producerSettings = producerSettings;
    this.readTimeout = readTimeout;
  }

  /** What to redrive: topics, reasons (empty = all but {@code INVALID_INPUT}), time range. */
  public record Request(
      String dlqTopic,
      String resultsTopic,
      String inputTopic,
      Set<String> reasons,
      Optional<Instant> since,
      Optional<Instant> until,
      boolean dryRun) {}

  /** What it did (or, on a dry run, would do). */
  public record Report(
      long deadLettersRead,
      Map<String, Long> matchedByReason,
      long outsideRange,
      long otherReason,
      long unreadable,
      long duplicates,
      long alreadyResolved,
      long invalidInputNotRequested,
      long invalidInputIncomplete,
      List<String> redriven,
      boolean dryRun) {}

  private record Candidate(String runId, byte[] value, RecordHeaders headers, String reason) {}

  /** Runs the redrive and reports it. */
  public Report run(Request request) throws InterruptedException {
    Tally tally = new Tally();
    Map<String, Candidate> candidates = new LinkedHashMap<>();
    readToEnd(request.dlqTopic(), r -> consider(request, r, candidates, tally));
    if (!candidates.isEmpty()) {
      readToEnd(
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
    final Map<String, Long> matched = new TreeMap<>();
  }

  private void consider(
      Request request,
      ConsumerRecord<byte[], byte[]> record,
      Map<String, Candidate> candidates,
      Tally tally) {
    tally.read++;
    JsonNode letter;
    try {
      letter = record.value() == null ? null : JSON.readTree(record.value());
    } catch (IOException e) {
      letter = null;
    }
    if (letter == null || !letter.path("reason").isTextual()) {
      tally.unreadable++;
      return;
    }
    String reason = letter.path("reason").asText();
    boolean asked =
        request.reasons().isEmpty()
            ? !reason.equals(INVALID_INPUT)
            : request.reasons().contains(reason);
    if (!asked) {
      if (reason.equals(INVALID_INPUT) && request.reasons().isEmpty()) {
        tally.invalidNotRequested++;
      } else {
        tally.otherReason++;
      }
      return;
    }
    Instant failedAt =
        Instant.ofEpochMilli(
            letter.path("failedAt").canConvertToLong()
                ? letter.path("failedAt").asLong()
                : record.timestamp());
    if (request.since().filter(failedAt::isBefore).isPresent()
        || request.until().filter(u -> !failedAt.isBefore(u)).isPresent()) {
      tally.outsideRange++;
      return;
    }
    Optional<Candidate> candidate = candidateOf(reason, letter, record);
    if (candidate.isEmpty()) {
      if (reason.equals(INVALID_INPUT)) {
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
      String reason, JsonNode letter, ConsumerRecord<byte[], byte[]> record) {
    RecordHeaders headers = new RecordHeaders();
    for (Header h : record.headers()) {
      if (!h.key().startsWith("run.") && !h.key().startsWith("redrive.")) {
        headers.add(h);
      }
    }
    headers.add(
        SOURCE_HEADER,
        (record.topic() + "/" + record.partition() + "/" + record.offset())
            .getBytes(StandardCharsets.UTF_8));
    if (reason.equals(INVALID_INPUT)) {
      return originalInput(letter)
          .map(
              bytes ->
                  new Candidate(
                      "input:" + letter.path("inputSha256").asText(), bytes, headers, reason));
    }
    JsonNode id = letter.path("workflowRunId");
    if (!id.isTextual() || id.asText().isBlank()) {
      return Optional.empty();
    }
    String runId = id.asText();
    return Optional.of(
        new Candidate(runId, runId.getBytes(StandardCharsets.UTF_8), headers, reason));
  }

  /**
   * The input bytes of an {@code INVALID_INPUT} letter when it holds them whole: text, or base64 of
   * bytes that are not UTF-8 — told apart by {@code inputSha256}.
   */
  static Optional<byte[]> originalInput(JsonNode letter) {
    if (letter.path("inputTruncated").asBoolean(false) || !letter.path("input").isTextual()) {
      return Optional.empty();
    }
    String input = letter.path("input").asText();
    String sha = letter.path("inputSha256").asText("");
    byte[] text = input.getBytes(StandardCharsets.UTF_8);
    if (sha.isEmpty() || sha.equalsIgnoreCase(DeadLetters.sha256(text))) {
      return Optional.of(text);
    }
    try {
      byte[] decoded = Base64.getDecoder().decode(input);
      return sha.equalsIgnoreCase(DeadLetters.sha256(decoded))
          ? Optional.of(decoded)
          : Optional.empty();
    } catch (IllegalArgumentException notBase64) {
      return Optional.empty();
    }
  }

  private void readToEnd(String topic, Consumer<ConsumerRecord<byte[], byte[]>> each)
      throws InterruptedException {
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            consumerSettings, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, readTimeout).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      if (partitions.isEmpty()) {
        throw new IllegalStateException("topic " + topic + " does not exist");
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = new LinkedHashMap<>(consumer.endOffsets(partitions));
      long lastProgress = System.nanoTime();
      while (!ends.isEmpty()) {
        if (Thread.interrupted()) {
          throw new InterruptedException();
        }
        ends.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
        if (ends.isEmpty()) {
          break;
        }
        int n = 0;
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
          Long end = ends.get(new TopicPartition(r.topic(), r.partition()));
          if (end != null && r.offset() < end) {
            each.accept(r);
            n++;
          }
        }
        if (n > 0) {
          lastProgress = System.nanoTime();
        } else if (System.nanoTime() - lastProgress > readTimeout.toNanos()) {
          throw new IllegalStateException(
              "reading " + topic + " made no progress for " + readTimeout.toSeconds() + "s");
        }
      }
    }
  }

  private void produce(String topic, Iterable<Candidate> candidates) throws InterruptedException {
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(
            producerSettings, new ByteArraySerializer(), new ByteArraySerializer())) {
      List<Future<RecordMetadata>> sends = new ArrayList<>();
      for (Candidate c : candidates) {
        byte[] key = c.reason().equals(INVALID_INPUT) ? null : c.value();
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
