package io.workflowresult;

import static org.assertj.core.api.Assertions.assertThat;

import io.workflowresult.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The jar's entry point builds its command line, and every command of the contract is on it. */
class BuildSmokeTest {
  @ParameterizedTest(name = "{0} --help")
  @ValueSource(strings = {"run", "simulate", "submit", "redrive"})
  void everyCommandOfTheContractAnswersHelp(String command) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int code =
        Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), command, "--help");

    assertThat(code).as("exit code of %s --help; stderr: %s", command, err).isZero();
    assertThat(out.toString())
        .as("%s --help", command)
        .startsWith("Usage: workflow-result-processor " + command);
  }
}
