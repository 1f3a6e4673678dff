package io.workflowresult.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.workflowresult.deadletter.DeadLetterReason;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** What the commands print for help, versions and errors, as a user sees it. */
class CommandLineTest {

  @Test
  void versionNamesTheProgramOnEveryCommand() {
    for (String[] args :
        new String[][] {{"--version"}, {"run", "--version"}, {"redrive", "--version"}}) {
      CommandResult r = CommandResult.run(args);
      assertThat(r.exitCode()).as(String.join(" ", args)).isZero();
      assertThat(r.out()).as(String.join(" ", args)).startsWith("workflow-result-processor ");
    }
  }

  @Test
  void redriveHelpListsEveryReason() {
    CommandResult r = CommandResult.run("redrive", "--help");
    assertThat(r.exitCode()).isZero();
    String help = r.out().replaceAll("\\s+", " ");
    Arrays.stream(DeadLetterReason.values())
        .forEach(reason -> assertThat(help).contains(reason.name()));
  }

  @Test
  void redriveExits3WhenKafkaCannotBeReached() {
    CommandResult r =
        CommandResult.run(
            "redrive",
            "--set",
            "kafka.bootstrap.servers=localhost:1",
            "--kafka-check-timeout",
            "1s",
            "--dry-run");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.KAFKA_UNREACHABLE);
    assertThat(r.errLines())
        .singleElement()
        .isEqualTo("error: cannot reach Kafka at localhost:1 — is it running?");
  }

  @Test
  void redriveLogsInTheConfiguredFormat() {
    RootAppenders appenders = new RootAppenders();
    try {
      CommandResult.run(
          "redrive",
          "--set",
          "kafka.bootstrap.servers=localhost:1",
          "--set",
          "logging.format=json",
          "--kafka-check-timeout",
          "1s");
      assertThat(appenders.root.getAppender(LogFormatConfigurer.JSON_APPENDER)).isNotNull();
    } finally {
      appenders.restore();
    }
  }

  @Test
  void simulateErrorsStartWithError() {
    CommandResult r = CommandResult.run("simulate", "--port", "0", "--latency", "soon");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.errLines()).singleElement().asString().startsWith("error: ");
  }
}
