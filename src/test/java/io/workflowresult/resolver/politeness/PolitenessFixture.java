package io.workflowresult.resolver.politeness;

import io.workflowresult.api.QueryOutcome;
import io.workflowresult.api.WorkflowApi;
import io.workflowresult.api.WorkflowApiClient;
import io.workflowresult.config.AppConfig;
import io.workflowresult.config.KafkaClientSettings;
import io.workflowresult.intake.IntakeMetrics;
import io.workflowresult.pipeline.IntakeAndResolver;
import io.workflowresult.pipeline.LoopAssembly;
import io.workflowresult.resolver.ResolverMetrics;
import io.workflowresult.simulator.LoggedRequest;
import io.workflowresult.simulator.SimulatorOptions;
import io.workflowresult.simulator.SimulatorServer;
import io.workflowresult.testing.KafkaTestCluster;
import io.workflowresult.testing.TestConfig;
import io.workflowresult.testing.verify.GroundTruth;
import io.workflowresult.testing.verify.SimulatorTruth;
import io.workflowresult.testing.verify.Verifier;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The resolver in-process with its production politeness (a {@link PoliteGate} from the
 * configuration) on unique topics of the shared broker, against an in-process API simulator whose
 * request log is the evidence of when each request came.
 */
final class PolitenessFixture implements AutoCloseable {
  static final String KEY = "politeness-key";

  /**
   * The fixture's topics: a run-stats topic of its own too, so no other test's learning is read.
   */
  private static final List<String> TOPICS =
      List.of("input", "delay", "results", "dlq", "run-stats");

  final String bootstrap = KafkaTestCluster.bootstrapServers();
  final String appId;
  final SimulatorServer simulator;
  private final TestConfig settings;
  final AppConfig config;
  final SimulatorTruth truthSource;
  final GroundTruth truth = new GroundTruth();
  private final KafkaProducer<byte[], byte[]> producer;
  private final List<Runnable> closeables = new ArrayList<>();

  /** Guards what the resolver's threads record below. */
  private final Object recorded = new Object();

  /** Per run, in order: when each request was sent and when its answer reached the gate (nanos). */
  private final Map<String, List<RequestTiming.Sent>> sent = new HashMap<>();

  private final Map<String, List<Long>> knownNanos = new HashMap<>();
  private final List<Long> closedAtNanos = new ArrayList<>();
  private final Admin admin;
  private PoliteGate gate;

  PolitenessFixture(String label, SimulatorOptions.Builder sim, Map<String, String> overrides)
      throws Exception {
    appId = KafkaTestCluster.unique(label);
    simulator = SimulatorServer.start(sim.build());
    truthSource = new SimulatorTruth(simulator.baseUrl());
    settings =
        TestConfig.onTestBroker(appId)
            .set("api.base-url", simulator.baseUrl())
            .apiKey(KEY)
            .setAll(
                "api.timeout", "5s",
                "query.max-in-flight", "8",
                "poll.initial-delay", "250ms",
                "poll.max-delay", "1s",
                "retry.max-attempts", "3",
                "api.auth-retry-interval", "1s",
                "shutdown.timeout", "5s")
            .setAll(overrides);
    config = settings.build();
    KafkaTestCluster.createTopics(3, TOPICS.stream().map(this::topic).toList());
    producer = KafkaTestCluster.producer();
    admin = Admin.create(KafkaClientSettings.admin(config));
  }

  /**
   * Starts intake and resolver as the service builds them, the resolver's figures to {@code
   * metrics}.
   */
  IntakeAndResolver start(ResolverMetrics metrics) {
    WorkflowApiClient api = new WorkflowApiClient(config.api(), Clock.systemUTC());
    WorkflowApi recording =
        runId -> {
          RequestTiming.Sent now =
              new RequestTiming.Sent(System.currentTimeMillis(), System.nanoTime());
          synchronized (recorded) {
            sent.computeIfAbsent(runId, k -> new ArrayList<>()).add(now);
          }
          return api.query(runId);
        };
    IntakeAndResolver service =
        LoopAssembly.of(config, recording, admin)
            .metrics(metrics, IntakeMetrics.NOOP)
            .gateView(
                production -> {
                  gate = production;
                  return new KnowingGate(production);
                })
            .start(AppConfig.Role.ALL);
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
    public Optional<Ticket> tryAcquire(long nowMs) {
      return delegate.tryAcquire(nowMs).map(KnowingTicket::new).map(k -> k.ticket);
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

    /** A ticket of the production gate that notes when its answer is shown. */
    private final class KnowingTicket implements Ticket.Ending {
      private final Ticket delegateTicket;
      final Ticket ticket;

      KnowingTicket(Ticket delegateTicket) {
        this.delegateTicket = delegateTicket;
        this.ticket = new Ticket(delegateTicket.admission(), this);
      }

      @Override
      public boolean answered(QueryOutcome outcome, long nowMs) {
        boolean wasClosed = delegate.closed();
        synchronized (recorded) {
          knownNanos
              .computeIfAbsent(outcome.runId(), k -> new ArrayList<>())
              .add(System.nanoTime());
        }
        boolean instanceCondition = delegateTicket.answered(outcome, nowMs);
        if (!wasClosed && delegate.closed()) {
          synchronized (recorded) {
            closedAtNanos.add(System.nanoTime());
          }
        }
        return instanceCondition;
      }

      @Override
      public void abandoned() {
        delegateTicket.abandoned();
      }
    }
  }

  /**
   * The simulator's log with the resolver's side of each request: when it was sent (wall clock and
   * monotonic) and when its answer reached the gate (monotonic; {@code Long.MAX_VALUE} when it
   * never did). Requests of one run are matched in order.
   */
  List<RequestTiming.Timed> timedLog() {
    Map<String, Integer> seen = new HashMap<>();
    List<RequestTiming.Timed> timed = new ArrayList<>();
    synchronized (recorded) {
      for (LoggedRequest r : log()) {
        int i = seen.merge(r.runId(), 1, Integer::sum) - 1;
        List<RequestTiming.Sent> sentOf = sent.getOrDefault(r.runId(), List.of());
        List<Long> known = knownNanos.getOrDefault(r.runId(), List.of());
        timed.add(
            new RequestTiming.Timed(
                r,
                i < sentOf.size() ? sentOf.get(i) : RequestTiming.Sent.UNKNOWN,
                i < known.size() ? known.get(i) : Long.MAX_VALUE));
      }
    }
    return timed;
  }

  /** When the gate closed (monotonic nanos, in order): from then on, only probes may be sent. */
  List<Long> closedAtNanos() {
    synchronized (recorded) {
      return List.copyOf(closedAtNanos);
    }
  }

  PoliteGate gate() {
    return gate;
  }

  /** The topic of {@code role}: {@code input}, {@code delay}, {@code results} or {@code dlq}. */
  String topic(String role) {
    return settings.topic(role);
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

  /**
   * Puts one input value on the input topic at once (a bare ID, or a JSON input with hints),
   * without recording an expectation.
   */
  void sendNow(String value) {
    send(value);
    producer.flush();
  }

  /** Records the expected outcome of each of {@code ids}, as the simulator says it now. */
  void expect(List<String> ids) {
    ids.forEach(id -> truth.add(truthSource.expected(id)));
  }

  /** When the resolver sent each request of each run (wall clock, ms), in order. */
  Map<String, List<Long>> sentWallMsByRun() {
    Map<String, List<Long>> byRun = new HashMap<>();
    synchronized (recorded) {
      sent.forEach(
          (id, list) -> byRun.put(id, list.stream().map(RequestTiming.Sent::wallMs).toList()));
    }
    return byRun;
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
    synchronized (recorded) {
      return sent.values().stream()
          .flatMap(List::stream)
          .map(RequestTiming.Sent::nanos)
          .sorted()
          .toList();
    }
  }

  /**
   * For each request the simulator logged, how long after the resolver started it (wall clock) it
   * reached the simulator's handler, in ms, sorted.
   */
  List<Long> dispatchDelaysMs() {
    return timedLog().stream()
        .filter(t -> t.sent() != RequestTiming.Sent.UNKNOWN)
        .map(t -> t.request().arrivedAtMs() - t.sent().wallMs())
        .sorted()
        .toList();
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
    admin.close();
    simulator.close();
  }
}
