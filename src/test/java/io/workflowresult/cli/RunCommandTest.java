package io.workflowresult.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code run} stops on a user mistake with exit code 2 and one line, no stack trace. */
class RunCommandTest {

  @Test
  void invalidValueExitsTwoWithOneLineNamingTheKey() {
    CommandResult r =
        CommandResult.run("run", "--set", "api.key=x", "--set", "query.max-in-flight=0");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.errLines())
        .containsExactly("error: query.max-in-flight must be between 1 and 10000, got 0");
  }

  @Test
  void missingApiKeyNamesIt() {
    CommandResult r = CommandResult.run("run");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.errLines()).hasSize(1);
    assertThat(r.err()).startsWith("error: api.key is required");
  }

  @Test
  void unknownKeyInSetExitsTwo() {
    CommandResult r = CommandResult.run("run", "--set", "api.key=x", "--set", "api.keyy=y");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.errLines()).singleElement().asString().contains("api.keyy");
  }

  @Test
  void missingConfigFileExitsTwo() {
    CommandResult r = CommandResult.run("run", "--config", "/no/such/file.properties");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.errLines())
        .singleElement()
        .asString()
        .startsWith("error: cannot read configuration file /no/such/file.properties");
  }

  @Test
  void unknownRoleExitsTwo() {
    CommandResult r = CommandResult.run("run", "--set", "api.key=x", "--role", "intake,bogus");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.errLines()).singleElement().asString().contains("--role must be all");
  }

  @Test
  void unreachableKafkaExitsThreeWithOneLine() {
    CommandResult r =
        CommandResult.run(
            "run",
            "--set",
            "api.key=x",
            "--set",
            "kafka.bootstrap.servers=127.0.0.1:1",
            "--kafka-check-timeout",
            "1s");
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.errLines())
        .containsExactly("error: cannot reach Kafka at 127.0.0.1:1 — is it running?");
  }
}
