package io.workflowresult.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** The {@code run} command. */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Not built yet.")
public final class RunCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("run: not built yet");
    return 1;
  }
}
