package io.workflowresult.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** The {@code redrive} command. */
@Command(name = "redrive", mixinStandardHelpOptions = true, description = "Not built yet.")
public final class RedriveCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("redrive: not built yet");
    return 1;
  }
}
