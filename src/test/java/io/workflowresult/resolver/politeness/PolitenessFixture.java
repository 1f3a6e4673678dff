package io.workflowresult.resolver.politeness;

import io.workflowresult.api.QueryOutcome;
import io.workflowresult.api.WorkflowApi;
import io.workflowresult.api.WorkflowApiClient;
import io.workflowresult.config.AppConfig;
import io.workflowresult.config.ConfigLoader;
import io.workflowresult.resolver.QueryGate;
import io.workflowresult.resolver.ResolverMetrics;
import io.workflowresult.resolver.ResolverService;
import io.workflowresult.simulator.LoggedRequest;
import io.workflowresult.simulator.SimulatorOptions;
import io.workflowresult.simulator.SimulatorServer;
import io.workflowresult.testing.GroundTruth;
import io.workflowresult.testing.KafkaTestCluster;
import io.workflowresult.testing.SimulatorTruth;
import io.workflowresult.testing.Verifier;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The resolver in-process with its production politeness (a {@link PoliteGate} from the
 * configuration) on unique topics of the shared broker, against an in-process API simulator whose
 * request log is the evidence of when each request came.
 */
final class PolitenessFixture implements AutoCloseable {
  static final String KEY = "politeness-key";

  final String bootstrap = KafkaTestCluster.bootstrapServers();
  final String appId;
  final SimulatorServer simulator;
  final AppConfig config;
  final SimulatorTruth truthSource;
  final GroundTruth truth = new GroundTruth();
  private final KafkaProducer<byte[], byte[]> producer;
  private final List<Runnable> closeables = new ArrayList<>();
  private final List<Long> sentAtNanos = new ArrayList<>();
  private final Map<String, List<Long>> sentAtMs = new HashMap<>();

  /** Per run, in order: when each request was sent and when its answer reached the gate (nanos). */
  private final Map<String, List<Long>> sentNanos = new HashMap<>();

  private final Map<String, List<Long>> knownNanos = new HashMap<>();
  private final List<Long> closedAtNanos = new ArrayList<>();
  private PoliteGate gate;

  PolitenessFixture(String label, SimulatorOptions.Builder sim, Map<String, String> overrides)
      throws Exception {
    appId = KafkaTestCluster.unique(label);
    simulator = SimulatorServer.start(sim.build());
    truthSource = new SimulatorTruth(simulator.baseUrl());
    Map<String, String> s = new HashMap<>();
    s.put("kafka.bootstrap.servers", bootstrap);
    s.put("app.id", appId);
    for (String t : List.of("input", "delay", "results", "dlq")) {
      s.put("topics." + t, appId + "-" + t);
    }
    s.put("api.base-url", simulator.baseUrl());
    s.put("api.key", KEY);
    s.put("api.timeout", "5s");
    s.put("query.max-in-flight", "8");
    s.put("poll.initial-delay", "250ms");
    s.put("poll.max-delay", "1s");
    s.put("retry.max-attempts", "3");
    s.put("api.auth-retry-interval", "1s");
    s.put("shutdown.timeout", "5s");
    s.putAll(overrides);
    config = ConfigLoader.fromMap(s);
    KafkaTestCluster.createTopics(
        3, List.of("input", "delay", "results", "dlq").stream().map(this::topic).toList());
    producer = KafkaTestCluster.producer();
  }

  /** Starts intake and resolver with {@code PoliteGate.of(config)}. */
  ResolverService start(ResolverMetrics metrics) {
    WorkflowApiClient api = new WorkflowApiClient(config.api(), Clock.systemUTC());
    gate = PoliteGate.of(config);
    WorkflowApi recording =
        runId -> {
          synchronized (sentAtNanos) {
            sentAtNanos.add(System.nanoTime());
            sentAtMs.computeIfAbsent(runId, k -> new ArrayList<>()).add(System.currentTimeMillis());
            sentNanos.computeIfAbsent(runId, k -> new ArrayList<>()).add(System.nanoTime());
          }
          return api.query(runId);
        };
    ResolverService service =
        ResolverService.builder(config, recording)
            .gate(new KnowingGate(gate))
            .metrics(metrics)
            .start();
    closeables.add(api::close);
    closeables.add(() -> service.close(Duration.ofSeconds(5)));
    return service;
  }

  /**
   * The production gate, noting when the resolver learns each answer: the moment from which a
   * request it sends can be held to what that answer announced.
   */
  private final class KnowingGate implements QueryGate {
    private final QueryGate delegate;

    KnowingGate(QueryGate delegate) {
      this.delegate = delegate;
    }

    @Override
    public Admission admit(long nowMs) {
      return delegate.admit(nowMs);
    }

    @Override
    public long millisUntilAdmit(long nowMs) {
      return delegate.millisUntilAdmit(nowMs);
    }

    @Override
    public boolean closed() {
      return delegate.closed();
    }

    @Override
    public Optional<String> notReadyReason() {
      return delegate.notReadyReason();
    }

    @Override
    public void probeAbandoned() {
      delegate.probeAbandoned();
    }

    @Override
    public void requestEnded() {
      delegate.requestEnded();
    }

    @Override
    public boolean onOutcome(QueryOutcome outcome, boolean wasProbe, long nowMs) {
      boolean wasClosed = delegate.closed();
      synchronized (sentAtNanos) {
        knownNanos.computeIfAbsent(outcome.runId(), k -> new ArrayList<>()).add(System.nanoTime());
      }
      boolean instanceCondition = delegate.onOutcome(outcome, wasProbe, nowMs);
      if (!wasClosed && delegate.closed()) {
        synchronized (sentAtNanos) {
          closedAtNanos.add(System.nanoTime());
        }
      }
      return instanceCondition;
    }
  }

  /**
   * The simulator's log with the resolver's side of each request: when it was sent and when its
   * answer reached the gate (monotonic nanos; {@code Long.MAX_VALUE} when it never did). Requests
   * of one run are matched in order.
   */
  List<RequestTiming.Timed> timedLog() {
    Map<String, Integer> seen = new HashMap<>();
    List<RequestTiming.Timed> timed = new ArrayList<>();
    synchronized (sentAtNanos) {
      for (LoggedRequest r : log()) {
        int i = seen.merge(r.runId(), 1, Integer::sum) - 1;
        List<Long> sent = sentNanos.getOrDefault(r.runId(), List.of());
        List<Long> known = knownNanos.getOrDefault(r.runId(), List.of());
        timed.add(
            new RequestTiming.Timed(
                r,
                i < sent.size() ? sent.get(i) : Long.MIN_VALUE,
                i < known.size() ? known.get(i) : Long.MAX_VALUE));
      }
    }
    return timed;
  }

  /** When the gate closed (monotonic nanos, in order): from then on, only probes may be sent. */
  List<Long> closedAtNanos() {
    synchronized (sentAtNanos) {
      return List.copyOf(closedAtNanos);
    }
  }

  PoliteGate gate() {
    return gate;
  }

  String topic(String role) {
    return appId + "-" + role;
  }

  /** {@code n} normal run IDs, unique to this test. */
  List<String> ids(String prefix, int n) {
    return IntStream.range(0, n).mapToObj(i -> prefix + "-" + appId + "-" + i).toList();
  }

  /** Submits each ID and records its expected outcome. */
  void submit(List<String> ids) {
    for (String id : ids) {
      truth.add(truthSource.expected(id));
      send(id);
    }
    producer.flush();
  }

  /** Submits IDs without recording expectations (a bulk backlog). */
  void submitUntracked(List<String> ids) {
    ids.forEach(this::send);
    producer.flush();
  }

  private void send(String id) {
    producer.send(new ProducerRecord<>(topic("input"), null, id.getBytes(StandardCharsets.UTF_8)));
  }

  Verifier verifier() {
    return Verifier.builder(bootstrap)
        .results(topic("results"))
        .deadLetters(topic("dlq"))
        .truth(truth)
        .stats(truthSource::stats)
        .build();
  }

  /** When the resolver started each request (monotonic nanoseconds), in order. */
  List<Long> sentAtNanos() {
    synchronized (sentAtNanos) {
      return List.copyOf(sentAtNanos);
    }
  }

  /**
   * For each request the simulator logged, how long after the resolver started it (wall clock) it
   * reached the simulator's handler, in ms; requests of one run are matched in order.
   */
  List<Long> dispatchDelaysMs() {
    Map<String, List<Long>> sent;
    synchronized (sentAtNanos) {
      sent = new HashMap<>();
      sentAtMs.forEach((id, times) -> sent.put(id, List.copyOf(times)));
    }
    Map<String, Integer> seen = new HashMap<>();
    List<Long> delays = new ArrayList<>();
    for (LoggedRequest r : log()) {
      List<Long> times = sent.getOrDefault(r.runId(), List.of());
      int i = seen.merge(r.runId(), 1, Integer::sum) - 1;
      if (i < times.size()) {
        delays.add(r.arrivedAtMs() - times.get(i));
      }
    }
    delays.sort(Long::compare);
    return delays;
  }

  List<LoggedRequest> log() {
    return simulator.simulator().requestLog();
  }

  @Override
  public void close() {
    for (int i = closeables.size() - 1; i >= 0; i--) {
      closeables.get(i).run();
    }
    producer.close();
    simulator.close();
  }
}
