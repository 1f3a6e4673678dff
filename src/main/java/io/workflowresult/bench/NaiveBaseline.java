package io.workflowresult.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The naive baseline: what the job looks like written the obvious way. One plain consumer reads run
 * IDs, asks the API synchronously, one run at a time, publishes the answer and commits, for {@code
 * --seconds} from its first record; its rate is the runs finished in that time box.
 */
final class NaiveBaseline {
  private NaiveBaseline() {}

  static int run(BenchArgs args) throws Exception {
    String bootstrap = args.text("bootstrap");
    String input = args.text("input-topic");
    String results = args.text("results-topic");
    int runs = args.integer("runs");
    String prefix = args.text("prefix");
    BenchKafka kafka = new BenchKafka(bootstrap);
    kafka.createTopic(input, 6);
    kafka.createTopic(results, 1);
    kafka.produce(input, runs, i -> new String[] {null, prefix + "-" + i});

    URI endpoint = URI.create(args.text("url") + "/v1/workflow/query/result");
    String authorization = "Bearer " + args.text("api-key");
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    long timeBoxMs = args.integer("seconds") * 1000L;
    long done = 0;
    long start = 0;
    long end = Long.MAX_VALUE;
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap, input);
        KafkaProducer<byte[], byte[]> producer = producer(bootstrap)) {
      consumer.subscribe(List.of(input));
      long giveUp = System.currentTimeMillis() + 120_000;
      while (System.currentTimeMillis() < Math.min(end, giveUp) && done < runs) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          if (done == 0) {
            // the time box starts with the first record, the group's join apart
            start = System.currentTimeMillis();
            end = start + timeBoxMs;
          }
          String runId = new String(record.value(), StandardCharsets.UTF_8).trim();
          HttpResponse<byte[]> answer =
              http.send(
                  HttpRequest.newBuilder(endpoint)
                      .timeout(Duration.ofSeconds(10))
                      .header("Authorization", authorization)
                      .header("Content-Type", "application/json")
                      .POST(
                          HttpRequest.BodyPublishers.ofString(
                              "{\"workflowRunId\":\"" + runId + "\"}"))
                      .build(),
                  HttpResponse.BodyHandlers.ofByteArray());
          producer.send(new ProducerRecord<>(results, record.value(), answer.body())).get();
          consumer.commitSync();
          done++;
        }
      }
      end = System.currentTimeMillis();
    }
    double seconds = done == 0 ? timeBoxMs / 1000.0 : (end - start) / 1000.0;
    Measurements.Naive naive =
        new Measurements.Naive(
            "naive",
            args.integer("latency-ms"),
            seconds,
            done,
            done / seconds,
            ProcFiles.loadAverage());
    Measurements.write(Path.of(args.text("out")), naive);
    System.out.printf(
        java.util.Locale.ROOT,
        "bench: naive baseline at %d ms: %d runs in %.1f s, %.1f runs/s%n",
        naive.latencyMs(),
        done,
        seconds,
        naive.runsPerSecond());
    return done > 0 ? 0 : 1;
  }

  private static KafkaConsumer<byte[], byte[]> consumer(String bootstrap, String topic) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "naive-" + topic);
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1");
    return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  private static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
  }
}
