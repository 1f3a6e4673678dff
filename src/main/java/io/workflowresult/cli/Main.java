package io.workflowresult.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the runnable jar: one subcommand per job. */
@Command(
    name = "workflow-result-processor",
    mixinStandardHelpOptions = true,
    description =
        "Turns workflow run IDs on Kafka into completed results and exact cost aggregates.",
    subcommands = {
      RunCommand.class,
      SimulateCommand.class,
      SubmitCommand.class,
      RedriveCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the command line and returns its exit code (for tests). */
  public static int execute(String... args) {
    return new CommandLine(new Main()).execute(args);
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
  }
}
