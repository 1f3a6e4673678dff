package io.workflowresult.ops;

import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.workflowresult.aggregate.AggregateMetrics;
import io.workflowresult.api.WorkflowApi;
import io.workflowresult.delay.learned.LearnedPollingMetrics;
import io.workflowresult.intake.IntakeMetrics;
import io.workflowresult.kafka.ClientMetrics;
import io.workflowresult.kafka.ConsumerLag;
import io.workflowresult.resolver.ResolverMetrics;
import io.workflowresult.resolver.politeness.InstanceGate;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operations surface of one process, for the wiring to feed: the meter registry with the
 * service's meters and JVM/Kafka client metrics, the readiness conditions, the Kafka watch and the
 * HTTP server. Closing it stops the server and the watch and unbinds the client metrics, in the
 * reverse order of starting.
 */
public final class Operations implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Operations.class);
  private static final Duration KAFKA_CHECK_INTERVAL = Duration.ofSeconds(5);
  private static final Duration KAFKA_CHECK_TIMEOUT = Duration.ofSeconds(5);

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Clock clock;
  private final PipelineMeters meters;
  private final Readiness readiness = new Readiness();
  private final Deque<AutoCloseable> toClose = new ArrayDeque<>();
  private OpsServer server;

  public Operations(Clock clock) {
    this.clock = clock;
    this.meters = new PipelineMeters(registry, clock);
    new ClassLoaderMetrics().bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    JvmGcMetrics gc = new JvmGcMetrics();
    gc.bindTo(registry);
    toClose.push(gc);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
  }

  public PipelineMeters meters() {
    return meters;
  }

  public Readiness readiness() {
    return readiness;
  }

  /** From now on {@code /health/ready} answers 503 {@code shutting down}. */
  public void stopping() {
    readiness.flag("shutdown", "shutting down");
  }

  /** Watches the cluster through {@code admin}: readiness condition {@code kafka}, consumer lag. */
  public void watchKafka(Admin admin, String appId) {
    KafkaMonitor monitor = new KafkaMonitor(admin, appId, meters, KAFKA_CHECK_TIMEOUT);
    readiness.register("kafka", monitor);
    monitor.start(KAFKA_CHECK_INTERVAL);
    toClose.push(monitor);
  }

  /** The API client, measured. */
  public WorkflowApi meter(WorkflowApi api) {
    return new MeteredWorkflowApi(api, meters);
  }

  /**
   * Adds readiness condition {@code apiKey}: {@code reason} is the resolver's word on the key (e.g.
   * {@code UNAUTHORIZED: the API refused the key (HTTP 401)}), empty while it works.
   */
  public void watchApiKey(ReadinessCheck reason) {
    readiness.register("apiKey", reason);
  }

  /**
   * Logs the resolver's instance gate for the operator (a WARN when it closes, a line a minute
   * while it stays closed, an INFO when it opens) and shows it as {@link MetricNames#GATE_CLOSED}.
   * Readiness does not change for an outage: every instance turning not ready at once would stall a
   * rollout for nothing.
   */
  public void watchApiGate(Supplier<InstanceGate.Status> gate) {
    ApiGateLog watch = new ApiGateLog(gate, meters.api(), clock::millis);
    watch.start();
    toClose.push(watch);
  }

  /**
   * Watches a poll loop's clients: binds their client metrics and adds readiness condition {@code
   * name}: {@code running} says the loop runs, and its consumer is a member of its group — it has
   * joined, and heartbeats. Partitions are not required: an instance beyond the partition count is
   * a standby, ready to take over, and {@code /health/ready} shows how many partitions each part
   * owns.
   */
  public void watchLoop(
      String name, Consumer<?, ?> consumer, Producer<?, ?> producer, BooleanSupplier running) {
    bind(KafkaClientMetrics::new, consumer);
    bind(KafkaClientMetrics::new, producer);
    readiness.register(
        name,
        () ->
            running.getAsBoolean()
                ? GroupMembership.problem(consumer.metrics())
                : Optional.of(name + " loop is not running"));
    readiness.owns(
        name, () -> (int) ClientMetrics.sum(consumer.metrics(), "assigned-partitions", Map.of()));
  }

  /**
   * Reads {@link MetricNames#DELAY_UNFETCHED} from the resolver consumer's lag on {@code topic}.
   */
  public void unfetchedOf(Consumer<?, ?> resolverConsumer, String delayTopic) {
    meters.unfetchedFrom(() -> ConsumerLag.unfetched(resolverConsumer, delayTopic));
  }

  /** The aggregator's metrics, bound to the service's meters (every skip reason shown at 0). */
  public AggregateMetrics aggregateMetrics() {
    for (AggregateMetrics.SkipReason reason : AggregateMetrics.SkipReason.values()) {
      meters.aggregateSkipped(reason.name().toLowerCase(Locale.ROOT), 0);
    }
    return reason -> meters.aggregateSkipped(reason.name().toLowerCase(Locale.ROOT), 1);
  }

  /** The resolver's metrics, bound to the service's meters. */
  public ResolverMetrics resolverMetrics() {
    return new MicrometerResolverMetrics(meters);
  }

  /** The learned schedule's metrics (resolver and intake), bound to the service's meters. */
  public LearnedPollingMetrics learnedMetrics() {
    return meters.learned();
  }

  /** Intake's metrics, bound to the service's meters. */
  public IntakeMetrics intakeMetrics() {
    return new MicrometerResolverMetrics(meters);
  }

  /**
   * Binds the aggregator's Streams metrics and adds readiness condition {@code aggregator}: Streams
   * is {@code RUNNING}.
   */
  public void watchStreams(KafkaStreams streams) {
    KafkaStreamsMetrics metrics = new KafkaStreamsMetrics(streams);
    metrics.bindTo(registry);
    toClose.push(metrics);
    readiness.register(
        "aggregator",
        () ->
            streams.state() == KafkaStreams.State.RUNNING
                ? Optional.empty()
                : Optional.of("Kafka Streams is " + streams.state()));
    readiness.owns("aggregator", () -> GroupMembership.sourcePartitions(streams));
  }

  /** Starts the HTTP server on {@code port}; {@code /costs} answers from {@code costs} if given. */
  public int serve(int port, Optional<CostLookup> costs) throws IOException {
    server = OpsServer.start(port, readiness, registry, costs);
    toClose.push(server);
    return server.port();
  }

  private <T> void bind(Function<T, KafkaClientMetrics> binder, T client) {
    KafkaClientMetrics metrics = binder.apply(client);
    metrics.bindTo(registry);
    toClose.push(metrics);
  }

  @Override
  public void close() {
    while (!toClose.isEmpty()) {
      try {
        toClose.pop().close();
      } catch (Exception e) {
        log.warn("closing the operations surface: {}", e.toString());
      }
    }
    registry.close();
  }
}
