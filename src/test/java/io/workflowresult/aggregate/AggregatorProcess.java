package io.workflowresult.aggregate;

import io.workflowresult.config.AppConfig;
import io.workflowresult.config.ConfigLoader;
import java.util.HashMap;
import java.util.Map;

/**
 * The aggregator alone in its own JVM, wired as production wires it ({@code key=value} settings →
 * {@link ConfigLoader} → {@link CostAggregator#create}): {@link CostAggregatorIT} kills it with
 * {@code destroyForcibly} (SIGKILL) to crash it mid-stream.
 */
public final class AggregatorProcess {
  private AggregatorProcess() {}

  public static void main(String[] args) throws InterruptedException {
    Map<String, String> settings = new HashMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      settings.put(arg.substring(0, eq), arg.substring(eq + 1));
    }
    AppConfig config = ConfigLoader.fromMap(settings);
    CostAggregator aggregator = CostAggregator.create(config, AggregateMetrics.NOOP);
    aggregator.start();
    System.out.println("aggregator started");
    Thread.currentThread().join();
  }
}
