package io.workflowresult.bench;

import java.util.Arrays;
import java.util.List;

/**
 * The harness's entry point, one tool per process: {@code java -cp workflow-result-processor.jar
 * io.workflowresult.bench.BenchMain TOOL --name value ...}. Tools: {@code raw} ({@link RawLimit}),
 * {@code client} ({@link ClientCost}), {@code naive} ({@link NaiveBaseline}), {@code case} ({@link
 * ServiceCase}), {@code heap} ({@link HeapCase}), {@code tls-simulator} ({@link TlsSimulator},
 * needs Jetty on the class path) and {@code report} ({@link BenchReport}), {@code reset} ({@link
 * SimulatorAdmin}). Exit code 2 for bad arguments, 1 when a measurement failed.
 */
public final class BenchMain {
  private BenchMain() {}

  public static void main(String[] argv) throws Exception {
    if (argv.length == 0) {
      System.err.println(
          "usage: BenchMain raw|client|naive|case|heap|tls-simulator|report|reset --name value...");
      System.exit(2);
    }
    List<String> rest = Arrays.asList(argv).subList(1, argv.length);
    BenchArgs args;
    try {
      args = BenchArgs.parse(rest);
    } catch (IllegalArgumentException e) {
      System.err.println("bench: " + e.getMessage());
      System.exit(2);
      return;
    }
    int code =
        switch (argv[0]) {
          case "raw" -> RawLimit.run(args);
          case "client" -> ClientCost.run(args);
          case "naive" -> NaiveBaseline.run(args);
          case "case" -> ServiceCase.run(args);
          case "heap" -> HeapCase.run(args);
          case "tls-simulator" -> TlsSimulator.run(args);
          case "report" -> BenchReport.run(args);
          case "reset" -> SimulatorAdmin.run(args);
          default -> {
            System.err.println("bench: unknown tool " + argv[0]);
            yield 2;
          }
        };
    System.exit(code);
  }
}
