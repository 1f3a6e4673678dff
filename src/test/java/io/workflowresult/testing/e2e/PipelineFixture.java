package io.workflowresult.testing.e2e;

import static org.awaitility.Awaitility.await;

import io.workflowresult.simulator.SimulatorOptions;
import io.workflowresult.simulator.SimulatorServer;
import io.workflowresult.testing.KafkaTestCluster;
import io.workflowresult.testing.ServiceProcess;
import io.workflowresult.testing.TestConfig;
import io.workflowresult.testing.verify.GroundTruth;
import io.workflowresult.testing.verify.SimulatorTruth;
import io.workflowresult.testing.verify.Verifier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * One end-to-end setup: unique topics and {@code app.id} on the shared broker, an in-process API
 * simulator, the service's settings, a producer for the input topic, and the {@link Verifier}.
 * Every service process started from it uses the same settings, so a restart resumes from the same
 * consumer groups and topics.
 */
public final class PipelineFixture implements AutoCloseable {
  public static final String API_KEY = "it-key-" + Long.toHexString(System.nanoTime());

  /** The header every submission carries; derived records must copy it. */
  public static final String TRACE_HEADER = "traceparent";

  private final String label;
  private final String bootstrap;
  private final String appId;
  private final SimulatorServer simulator;
  private final SimulatorTruth truthSource;
  private final TestConfig config;
  private final KafkaProducer<byte[], byte[]> producer;
  private final AtomicInteger starts = new AtomicInteger();

  private PipelineFixture(
      String label, SimulatorOptions.Builder simulatorOptions, String bootstrap) {
    this.label = label;
    this.bootstrap = bootstrap;
    this.appId = KafkaTestCluster.unique(label);
    this.simulator = SimulatorServer.start(simulatorOptions.apiKey(API_KEY).build());
    this.truthSource = new SimulatorTruth(simulator.baseUrl());
    this.config =
        TestConfig.onTestBroker(appId)
            .set("kafka.bootstrap.servers", bootstrap)
            .apiKey(API_KEY)
            .set("api.base-url", simulator.baseUrl())
            .setAll(
                "topics.partitions", "3",
                "api.timeout", "10s",
                "query.max-in-flight", "8",
                "poll.initial-delay", "250ms",
                "poll.max-delay", "1s",
                "poll.not-found-retries", "1",
                "retry.max-attempts", "3",
                "shutdown.timeout", "10s");
    this.producer = KafkaTestCluster.producer(bootstrap);
  }

  /** A fixture with its own topics and a simulator built from {@code simulatorOptions}. */
  public static PipelineFixture create(String label, SimulatorOptions.Builder simulatorOptions) {
    return new PipelineFixture(label, simulatorOptions, KafkaTestCluster.bootstrapServers());
  }

  /** As {@link #create(String, SimulatorOptions.Builder)}, on the broker at {@code bootstrap}. */
  public static PipelineFixture create(
      String label, SimulatorOptions.Builder simulatorOptions, String bootstrap) {
    return new PipelineFixture(label, simulatorOptions, bootstrap);
  }

  /** Produces {@code value} with {@code key} and {@code headers} as they are (bad input). */
  public void send(byte[] key, byte[] value, Map<String, byte[]> headers) {
    ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic("input"), key, value);
    headers.forEach((name, v) -> record.headers().add(name, v));
    producer.send(record);
  }

  /** Changes (or adds) one service setting for processes started from now on. */
  public PipelineFixture set(String key, String value) {
    config.set(key, value);
    return this;
  }

  /** The topic of {@code role}, as {@link TestConfig#topic(String)}. */
  public String topic(String role) {
    return config.topic(role);
  }

  public SimulatorServer simulator() {
    return simulator;
  }

  public SimulatorTruth truthSource() {
    return truthSource;
  }

  /**
   * Starts {@code run} as a child process, on a free {@code http.port} and in a {@code state.dir}
   * of its own (as instances on separate hosts would be) unless set; the key reaches it through
   * {@code API_KEY}.
   */
  public ServiceProcess startService(String... extraArgs) {
    return startService(Map.of(), extraArgs);
  }

  /** As {@link #startService(String...)}, with {@code overrides} of this fixture's settings. */
  public ServiceProcess startService(Map<String, String> overrides, String... extraArgs) {
    String name = appId + "-" + starts.incrementAndGet();
    Map<String, String> own = config.copy().setAll(overrides).settings();
    own.putIfAbsent("http.port", Integer.toString(freePort())); // instances side by side
    own.putIfAbsent("state.dir", Path.of("target", "it-state", name).toString());
    return ServiceProcess.run(name, own, config.environment(), extraArgs);
  }

  /** Waits until the service has created the input topic (it creates every topic at start). */
  public void awaitInputTopic(ServiceProcess service, Duration timeout) {
    awaitTopic(service, topic("input"), timeout);
  }

  /**
   * Waits until {@code topic} exists and every partition has a leader; fails early if the service
   * dies meanwhile.
   */
  public void awaitTopic(ServiceProcess service, String topic, Duration timeout) {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      await("topic " + topic + " created by the service")
          .atMost(timeout)
          .pollInterval(Duration.ofMillis(250))
          .until(
              () -> {
                service.assertAlive();
                return admin.listTopics().names().get().contains(topic)
                    && admin
                        .describeTopics(List.of(topic))
                        .allTopicNames()
                        .get()
                        .get(topic)
                        .partitions()
                        .stream()
                        .allMatch(p -> p.leader() != null && !p.leader().isEmpty());
              });
    }
  }

  /** Produces a bare run ID with a trace header (named after the run) and records the truth. */
  public void submit(String runId, GroundTruth truth) {
    boolean seen = truth.contains(runId);
    send(runId.getBytes(StandardCharsets.UTF_8), runId);
    if (seen) {
      truth.duplicate(runId);
    } else {
      truth.add(truthSource.expected(runId));
    }
  }

  /**
   * As {@link #submit}, but returns only once the broker has acknowledged the record, sending it
   * again when a send fails (a broker that is down for longer than the producer's delivery
   * timeout): the run is surely on the input topic, perhaps twice, which the service must take.
   */
  public void submitAcknowledged(String runId, GroundTruth truth) {
    ProducerRecord<byte[], byte[]> record =
        new ProducerRecord<>(topic("input"), null, runId.getBytes(StandardCharsets.UTF_8));
    record.headers().add(TRACE_HEADER, runId.getBytes(StandardCharsets.UTF_8));
    boolean seen = truth.contains(runId);
    for (int attempt = 1; ; attempt++) {
      try {
        producer.send(record).get();
        break;
      } catch (java.util.concurrent.ExecutionException e) {
        if (attempt == 10) {
          throw new IllegalStateException("cannot submit " + runId + " after 10 sends", e);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    if (seen) {
      truth.duplicate(runId);
    } else {
      truth.add(truthSource.expected(runId));
    }
  }

  /** Produces raw input bytes (possibly not a valid run ID) as they are. */
  public void send(byte[] value, String trace) {
    ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic("input"), null, value);
    if (trace != null) {
      record.headers().add(TRACE_HEADER, trace.getBytes(StandardCharsets.UTF_8));
    }
    producer.send(record);
  }

  /** Waits until every record sent so far is acknowledged. */
  public void flush() {
    producer.flush();
  }

  /** A verifier of this fixture's results and dead letters, with the simulator's stats. */
  public Verifier verifier(GroundTruth truth) {
    return verifierBuilder(truth).build();
  }

  /** As {@link #verifier(GroundTruth)}, also comparing the cost totals and windows. */
  public Verifier costVerifier(GroundTruth truth) {
    return verifierBuilder(truth)
        .costTotals(topic("cost-totals"))
        .costWindows(topic("cost-windows"))
        .build();
  }

  private Verifier.Builder verifierBuilder(GroundTruth truth) {
    return Verifier.builder(bootstrap)
        .results(topic("results"))
        .deadLetters(topic("dlq"))
        .truth(truth)
        .stats(truthSource::stats);
  }

  /** The settings every service process of this fixture starts with ({@code --set}). */
  public Map<String, String> settings() {
    return config.settings();
  }

  public String bootstrap() {
    return bootstrap;
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
    simulator.close();
  }

  @Override
  public String toString() {
    return label + " (app.id " + appId + ")";
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
