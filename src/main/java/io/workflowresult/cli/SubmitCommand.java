package io.workflowresult.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** The {@code submit} command. */
@Command(name = "submit", mixinStandardHelpOptions = true, description = "Not built yet.")
public final class SubmitCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("submit: not built yet");
    return 1;
  }
}
