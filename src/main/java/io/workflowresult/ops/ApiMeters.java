package io.workflowresult.ops;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The API's own meters beside the answers counted by {@link PipelineMeters}: how long each request
 * takes ({@link MetricNames#API_REQUEST_DURATION}) and the instance gate's state per condition
 * ({@link MetricNames#GATE_CLOSED}, every condition shown from 0), plus the build the process runs
 * ({@link MetricNames#BUILD_INFO}). Thread-safe.
 */
public final class ApiMeters {
  /** Conditions of the instance gate ({@code InstanceGate.Condition}), lower case. */
  public static final List<String> GATE_CONDITIONS =
      List.of("throttled", "quota_exhausted", "unauthorized", "api_failing");

  /** Buckets of the request duration: from a local answer to a timeout. */
  private static final Duration[] BUCKETS =
      Stream.of(5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 30_000)
          .map(Duration::ofMillis)
          .toArray(Duration[]::new);

  private final MeterRegistry registry;
  private final Map<String, AtomicLong> gateClosed = new ConcurrentHashMap<>();
  private final Map<String, Timer> requests = new ConcurrentHashMap<>();

  ApiMeters(MeterRegistry registry) {
    this.registry = registry;
    for (String condition : GATE_CONDITIONS) {
      AtomicLong closed = new AtomicLong();
      gateClosed.put(condition, closed);
      Gauge.builder(MetricNames.GATE_CLOSED, closed, AtomicLong::get)
          .description("1 while the instance gate is closed for this condition")
          .tag("condition", condition)
          .register(registry);
    }
    Gauge.builder(MetricNames.BUILD_INFO, () -> 1)
        .description("the running build: version of the jar, Java version")
        .tags("version", BuildInfo.versionOrUnknown(), "java", System.getProperty("java.version"))
        .register(registry);
  }

  /** One request to the API took {@code duration} and was answered as {@code outcome}. */
  public void request(String outcome, Duration duration) {
    requests
        .computeIfAbsent(
            outcome,
            o ->
                Timer.builder(MetricNames.API_REQUEST_DURATION)
                    .description("one request to the API, sent to answered")
                    .tag("outcome", o)
                    .serviceLevelObjectives(BUCKETS)
                    .register(registry))
        .record(duration);
  }

  /**
   * The instance gate closed for {@code condition} (one of {@link #GATE_CONDITIONS}), or opened.
   */
  public void gateClosed(String condition, boolean closed) {
    AtomicLong gauge = gateClosed.get(condition);
    if (gauge == null) {
      throw new IllegalArgumentException("unknown gate condition " + condition);
    }
    gauge.set(closed ? 1 : 0);
  }
}
