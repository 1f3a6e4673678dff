package io.workflowresult.cli;

import io.workflowresult.config.AppConfig;
import io.workflowresult.config.KafkaClientSettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The {@code submit} command: puts run IDs on {@code topics.input}, one record per ID (key and
 * value the ID as UTF-8), with an idempotent {@code acks=all} producer, and returns once every
 * record is acknowledged. IDs come from the arguments, from {@code --file} (one per line), or from
 * stdin; lines are trimmed and blank ones skipped.
 */
@Command(
    name = "submit",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Put run IDs on the input topic (arguments, --file, or one per line on stdin).")
public final class SubmitCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ConfigOptions configOptions;

  @Option(names = "--file", paramLabel = "FILE", description = "Run IDs, one per line.")
  Path file;

  @Parameters(paramLabel = "RUN_ID", arity = "0..*", description = "Run IDs to submit.")
  List<String> runIds = new ArrayList<>();

  @Mixin KafkaCheckOption kafkaCheck;

  private final InputStream stdin;

  public SubmitCommand() {
    this(System.in);
  }

  /** For tests: where IDs come from when neither arguments nor {@code --file} are given. */
  SubmitCommand(InputStream stdin) {
    this.stdin = stdin;
  }

  @Override
  public Integer call() throws Exception {
    if (file != null && !runIds.isEmpty()) {
      throw new ParameterException(spec.commandLine(), "give either --file or RUN_IDs, not both");
    }
    AppConfig config = configOptions.loadWithoutApiKey();
    LogFormatConfigurer.apply(config);
    String topic = config.topics().input();
    KafkaConnectivity.check(config, kafkaCheck.timeout, Set.of(topic));
    long sent;
    try (Producer<byte[], byte[]> producer =
        new KafkaProducer<>(KafkaClientSettings.producer(config, config.appId() + "-submit"))) {
      sent = send(producer, topic);
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println("submitted " + sent + " run IDs to " + topic);
    out.flush();
    return ExitCodes.OK;
  }

  private long send(Producer<byte[], byte[]> producer, String topic) throws IOException {
    AtomicLong acked = new AtomicLong();
    AtomicReference<Exception> failure = new AtomicReference<>();
    long sent = 0;
    try (BufferedReader ids = openIds()) {
      for (String line = ids.readLine(); line != null; line = ids.readLine()) {
        String id = line.trim();
        if (id.isEmpty()) {
          continue;
        }
        byte[] bytes = id.getBytes(StandardCharsets.UTF_8);
        producer.send(
            new ProducerRecord<>(topic, bytes, bytes),
            (metadata, e) -> {
              if (e == null) {
                acked.incrementAndGet();
              } else {
                failure.compareAndSet(null, e);
              }
            });
        sent++;
      }
    }
    producer.flush();
    if (failure.get() != null) {
      throw new IllegalStateException(
          "submitted "
              + acked.get()
              + " of "
              + sent
              + " run IDs to "
              + topic
              + ": "
              + ExitCodes.message(failure.get()),
          failure.get());
    }
    return sent;
  }

  private BufferedReader openIds() throws IOException {
    if (file != null) {
      return Files.newBufferedReader(file, StandardCharsets.UTF_8);
    }
    if (!runIds.isEmpty()) {
      return new BufferedReader(new java.io.StringReader(String.join("\n", runIds)));
    }
    return new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
  }
}
