package io.workflowresult.kafka;

import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/** Reads a Kafka client's own metrics ({@code consumer.metrics()}, {@code producer.metrics()}). */
public final class ClientMetrics {
  private ClientMetrics() {}

  /** Sum of the values of metric {@code name} whose tags include {@code tags}; 0 when none. */
  public static double sum(
      Map<MetricName, ? extends Metric> metrics, String name, Map<String, String> tags) {
    double sum = 0;
    for (Map.Entry<MetricName, ? extends Metric> e : metrics.entrySet()) {
      if (e.getKey().name().equals(name)
          && e.getKey().tags().entrySet().containsAll(tags.entrySet())
          && e.getValue().metricValue() instanceof Number n
          && !Double.isNaN(n.doubleValue())) {
        sum += n.doubleValue();
      }
    }
    return sum;
  }
}
