package io.workflowresult.testing;

import static org.awaitility.Awaitility.await;

import io.workflowresult.simulator.SimulatorOptions;
import io.workflowresult.simulator.SimulatorServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
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
  private final String bootstrap = KafkaTestCluster.bootstrapServers();
  private final String appId;
  private final Map<String, String> topics = new LinkedHashMap<>();
  private final SimulatorServer simulator;
  private final SimulatorTruth truthSource;
  private final Map<String, String> settings = new LinkedHashMap<>();
  private final KafkaProducer<byte[], byte[]> producer;
  private final AtomicInteger starts = new AtomicInteger();

  private PipelineFixture(String label, SimulatorOptions.Builder simulatorOptions) {
    this.label = label;
    this.appId = KafkaTestCluster.unique(label);
    for (String t :
        List.of("input", "delay", "results", "dlq", "cost-totals", "cost-windows", "run-stats")) {
      topics.put(t, appId + "-" + t);
    }
    this.simulator = SimulatorServer.start(simulatorOptions.apiKey(API_KEY).build());
    this.truthSource = new SimulatorTruth(simulator.baseUrl());
    settings.put("kafka.bootstrap.servers", bootstrap);
    settings.put("app.id", appId);
    topics.forEach((t, name) -> settings.put("topics." + t, name));
    settings.put("topics.partitions", "3");
    settings.put("api.base-url", simulator.baseUrl());
    settings.put("api.timeout", "10s");
    settings.put("query.max-in-flight", "8");
    settings.put("poll.initial-delay", "250ms");
    settings.put("poll.max-delay", "1s");
    settings.put("poll.not-found-retries", "1");
    settings.put("retry.max-attempts", "3");
    settings.put("shutdown.timeout", "10s");
    this.producer = KafkaTestCluster.producer();
  }

  /** A fixture with its own topics and a simulator built from {@code simulatorOptions}. */
  public static PipelineFixture create(String label, SimulatorOptions.Builder simulatorOptions) {
    return new PipelineFixture(label, simulatorOptions);
  }

  /** Changes (or adds) one service setting for processes started from now on. */
  public PipelineFixture set(String key, String value) {
    settings.put(key, value);
    return this;
  }

  public String topic(String role) {
    return topics.get(role);
  }

  public Map<String, String> settings() {
    return Map.copyOf(settings);
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
    Map<String, String> own = new LinkedHashMap<>(settings);
    own.putAll(overrides);
    own.putIfAbsent("http.port", Integer.toString(freePort())); // instances side by side
    own.putIfAbsent("state.dir", Path.of("target", "it-state", name).toString());
    return ServiceProcess.run(name, own, Map.of("API_KEY", API_KEY), extraArgs);
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

  /** As {@link #verifier(GroundTruth)}, also comparing the cost totals. */
  public Verifier costVerifier(GroundTruth truth) {
    return verifierBuilder(truth).costTotals(topic("cost-totals")).build();
  }

  private Verifier.Builder verifierBuilder(GroundTruth truth) {
    return Verifier.builder(bootstrap)
        .results(topic("results"))
        .deadLetters(topic("dlq"))
        .truth(truth)
        .stats(truthSource::stats);
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
