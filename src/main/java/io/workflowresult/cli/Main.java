package io.workflowresult.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the runnable jar: one subcommand per job. Failures become an exit code and one
 * line on stderr ({@link ExitCodes}); usage mistakes exit 2 with picocli's usage help.
 */
@Command(
    name = "workflow-result-processor",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
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
    return commandLine(new Main()).execute(args);
  }

  /** As {@link #execute(String...)}, writing to {@code out} and {@code err} (for tests). */
  public static int execute(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cl = commandLine(new Main());
    cl.setOut(out);
    cl.setErr(err);
    return cl.execute(args);
  }

  /** A command line for {@code command} with the exit-code mapping of {@link ExitCodes}. */
  public static CommandLine commandLine(Object command) {
    return new CommandLine(command).setExecutionExceptionHandler(new ExitCodes());
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
  }
}
