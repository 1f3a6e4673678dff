package io.workflowresult.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.workflowresult.testing.KafkaTestCluster;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code submit} against a real broker: the IDs land on the input topic. */
class SubmitCommandIT {
  private static String bootstrap;

  @TempDir Path dir;

  @BeforeAll
  static void broker() {
    bootstrap = KafkaTestCluster.bootstrapServers();
  }

  private static String createTopic() throws Exception {
    String topic = KafkaTestCluster.unique("submit-input");
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
      // the broker's metadata learns of a new topic a moment after creation returns
      await("topic " + topic + " visible")
          .atMost(Duration.ofSeconds(10))
          .ignoreExceptions()
          .until(() -> admin.describeTopics(List.of(topic)).allTopicNames().get().size() == 1);
    }
    return topic;
  }

  private static String[] args(String topic, String... more) {
    List<String> a =
        new ArrayList<>(
            List.of(
                "submit",
                "--set",
                "kafka.bootstrap.servers=" + bootstrap,
                "--set",
                "topics.input=" + topic));
    a.addAll(List.of(more));
    return a.toArray(String[]::new);
  }

  private static String[] withoutCommandName(String[] args) {
    return java.util.Arrays.copyOfRange(args, 1, args.length);
  }

  private static List<String> readValues(String topic, int expected) {
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = KafkaTestCluster.textConsumer("submit-check")) {
      consumer.subscribe(Set.of(topic));
      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(
              () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
                assertThat(values)
                    .as("expected %d records on %s, got %d", expected, topic, values.size())
                    .hasSize(expected);
              });
    }
    return values;
  }

  @Test
  void submitsIdsFromAFileSkippingBlankLines() throws Exception {
    // Given a topic and a file with blank lines and padding
    String topic = createTopic();
    Path file = dir.resolve("ids.txt");
    Files.writeString(file, "run-1\n\n  run-2  \n\t\nrun-3\n");

    // When
    CommandResult r = CommandResult.run(args(topic, "--file", file.toString()));

    // Then
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("submitted 3 run IDs to " + topic + System.lineSeparator());
    assertThat(readValues(topic, 3)).containsExactlyInAnyOrder("run-1", "run-2", "run-3");
  }

  @Test
  void submitsIdsGivenAsArgumentsAndFromStdin() throws Exception {
    String topic = createTopic();
    CommandResult fromArgs = CommandResult.run(args(topic, "run-a", "run-b"));
    CommandResult fromStdin =
        CommandResult.run(
            Main.commandLine(
                new SubmitCommand(
                    new ByteArrayInputStream("run-c\n\nrun-d".getBytes(StandardCharsets.UTF_8)))),
            withoutCommandName(args(topic)));

    assertThat(fromArgs.exitCode()).as(fromArgs.err()).isZero();
    assertThat(fromStdin.exitCode()).as(fromStdin.err()).isZero();
    assertThat(fromStdin.out()).startsWith("submitted 2 run IDs to " + topic);
    assertThat(readValues(topic, 4)).containsExactlyInAnyOrder("run-a", "run-b", "run-c", "run-d");
  }

  @Test
  void missingTopicIsOneLine() {
    String topic = KafkaTestCluster.unique("absent");
    CommandResult r = CommandResult.run(args(topic, "run-1"));
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.errLines())
        .containsExactly(
            "error: topic "
                + topic
                + " does not exist at "
                + bootstrap
                + " (start run with topics.create=true, or create it)");
  }
}
