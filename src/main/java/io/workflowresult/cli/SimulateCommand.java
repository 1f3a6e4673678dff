package io.workflowresult.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** The {@code simulate} command. */
@Command(name = "simulate", mixinStandardHelpOptions = true, description = "Not built yet.")
public final class SimulateCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("simulate: not built yet");
    return 1;
  }
}
