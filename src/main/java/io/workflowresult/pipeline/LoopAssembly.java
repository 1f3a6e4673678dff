package io.workflowresult.pipeline;

import io.workflowresult.api.WorkflowApi;
import io.workflowresult.config.AppConfig;
import io.workflowresult.config.AppConfig.Role;
import io.workflowresult.config.KafkaClientSettings;
import io.workflowresult.delay.learned.LearnedPollingMetrics;
import io.workflowresult.intake.DelayBacklog;
import io.workflowresult.intake.DueWorkFirst;
import io.workflowresult.intake.IntakeLoop;
import io.workflowresult.intake.IntakeMetrics;
import io.workflowresult.intake.IntakeSettings;
import io.workflowresult.kafka.KafkaClients;
import io.workflowresult.resolver.OutcomeRouter;
import io.workflowresult.resolver.QuotaSummary;
import io.workflowresult.resolver.ResolverLoop;
import io.workflowresult.resolver.ResolverMetrics;
import io.workflowresult.resolver.ResolverSettings;
import io.workflowresult.resolver.politeness.InstanceGate;
import io.workflowresult.resolver.politeness.PoliteGate;
import io.workflowresult.resolver.politeness.QueryGate;
import io.workflowresult.resolver.politeness.RateLimitPacer;
import io.workflowresult.resolver.politeness.RequestBudget;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.Producer;

/**
 * Builds and starts intake and the resolver from the configuration: the one place their parts are
 * made, for the service ({@link PipelineAssembly}) and its tests alike — the {@link
 * ResolverSettings}, the {@link OutcomeRouter}, the {@link PoliteGate}, {@link DueWorkFirst} with
 * its {@link DelayBacklog} (the resolver group's lag, measured every {@value
 * #BACKLOG_REFRESH_SECONDS} s), the {@link QuotaSummary} around the resolver's metrics, and the
 * {@link LearnedPolling} both loops share (what was learned is read from {@code topics.run-stats}
 * before the loops start, and written back after they stop). What comes from outside the flow is
 * handed in finished: the API client and the admin client, and when given, where the figures go,
 * what watches the loops' clients, and the clock. Tests may also shorten the resolver's intervals
 * and look at the gate; nothing else differs from the service.
 */
public final class LoopAssembly {
  static final long BACKLOG_REFRESH_SECONDS = 2;
  private static final Duration QUOTA_SUMMARY_INTERVAL = Duration.ofMinutes(1);

  /** Consumer group suffixes, and readiness names: {@code <app.id>-intake}, {@code -resolver}. */
  static final String INTAKE = "intake";

  static final String RESOLVER = "resolver";

  private final AppConfig config;
  private final WorkflowApi api;
  private final Admin admin;
  private final KafkaClients clients;
  private ResolverMetrics resolverMetrics = ResolverMetrics.NOOP;
  private IntakeMetrics intakeMetrics = IntakeMetrics.NOOP;
  private LearnedPollingMetrics learnedMetrics = LearnedPollingMetrics.NOOP;
  private String instanceIdentity;
  private LoopWatch watch = LoopWatch.NONE;
  private Clock clock = Clock.systemUTC();
  private UnaryOperator<ResolverSettings> intervals = UnaryOperator.identity();
  private Function<PoliteGate, QueryGate> gateView = gate -> gate;

  private LoopAssembly(AppConfig config, WorkflowApi api, Admin admin) {
    this.config = config;
    this.api = api;
    this.admin = admin;
    this.clients = KafkaClients.of(config);
  }

  /** The loops of {@code config}, querying {@code api}; {@code admin} measures the backlog. */
  public static LoopAssembly of(AppConfig config, WorkflowApi api, Admin admin) {
    return new LoopAssembly(config, api, admin);
  }

  /** Where the loops' figures go (none by default). */
  public LoopAssembly metrics(ResolverMetrics resolver, IntakeMetrics intake) {
    this.resolverMetrics = resolver;
    this.intakeMetrics = intake;
    return this;
  }

  /** Where the loops' figures go, the learned schedule's too. */
  public LoopAssembly metrics(
      ResolverMetrics resolver, IntakeMetrics intake, LearnedPollingMetrics learned) {
    this.learnedMetrics = learned;
    return metrics(resolver, intake);
  }

  /**
   * The name this instance's learned run times are written under in {@code topics.run-stats}
   * (default: {@link RunStatsIdentity#of}: the instance's identity, else from {@code
   * http.advertised-host} and {@code state.dir}); it must stay the same across restarts of the
   * instance and differ between instances.
   */
  public LoopAssembly instanceIdentity(String identity) {
    this.instanceIdentity = identity;
    return this;
  }

  public LoopAssembly clock(Clock clock) {
    this.clock = clock;
    return this;
  }

  /** Tests: other intervals of the resolver loop (commits, revocation) than its defaults. */
  public LoopAssembly intervals(UnaryOperator<ResolverSettings> change) {
    this.intervals = change;
    return this;
  }

  /** Tests: the gate the resolver asks, made from the configuration's {@link PoliteGate}. */
  public LoopAssembly gateView(Function<PoliteGate, QueryGate> view) {
    this.gateView = view;
    return this;
  }

  LoopAssembly watch(LoopWatch watch) {
    this.watch = watch;
    return this;
  }

  /** Builds the loops of {@code roles} (intake, resolver; others are not loops) and starts them. */
  public IntakeAndResolver start(Set<Role> roles) {
    ResolverSettings settings = intervals.apply(resolverSettings(config));
    QueryGate gate = gateView.apply(politeGate(config));
    // every client gets an id of its own: Kafka's client metrics are keyed by it
    String instance = UUID.randomUUID().toString().substring(0, 8);
    List<AutoCloseable> helpers = new ArrayList<>();
    LearnedPolling learned =
        new LearnedPolling(
            config,
            instanceIdentity != null ? instanceIdentity : RunStatsIdentity.of(config),
            learnedMetrics);
    helpers.add(learned);
    learned.share(clients, config.appId() + "-" + instance, clock);
    ResolverLoop resolver =
        roles.contains(Role.RESOLVER) ? resolver(settings, gate, learned, instance) : null;
    IntakeLoop intake =
        roles.contains(Role.INTAKE) ? intake(resolver, settings, learned, instance, helpers) : null;
    IntakeAndResolver loops =
        new IntakeAndResolver(intake, resolver, gate, helpers, config.shutdownTimeout());
    loops.start(config.appId());
    return loops;
  }

  private ResolverLoop resolver(
      ResolverSettings settings, QueryGate gate, LearnedPolling learned, String instance) {
    String clientId = config.appId() + "-" + RESOLVER + "-" + instance;
    Consumer<byte[], byte[]> consumer =
        clients.consumer(
            RESOLVER,
            clientId,
            Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.maxPollRecords()));
    Producer<byte[], byte[]> producer = clients.producer(clientId + "-producer");
    ResolverLoop loop =
        new ResolverLoop(
            settings,
            consumer,
            producer,
            api,
            router(config, learned),
            gate,
            new QuotaSummary(resolverMetrics, QUOTA_SUMMARY_INTERVAL),
            learned.resultLearning(),
            clock);
    watch.resolver(consumer, producer, loop::isRunning);
    return loop;
  }

  /**
   * Intake throttled by {@link DueWorkFirst}: paused while the delay backlog is above {@code
   * delay.max-backlog}, or while the resolver of this process has more due runs waiting than {@code
   * query.max-in-flight}.
   */
  private IntakeLoop intake(
      ResolverLoop resolver,
      ResolverSettings settings,
      LearnedPolling learned,
      String instance,
      List<AutoCloseable> helpers) {
    DelayBacklog backlog =
        new DelayBacklog(
            admin,
            config.topics().delay(),
            KafkaClientSettings.groupId(config, RESOLVER),
            Duration.ofSeconds(BACKLOG_REFRESH_SECONDS));
    helpers.add(backlog);
    BooleanSupplier dueRunsWaiting =
        resolver == null ? () -> false : () -> resolver.dueRunsWaiting() > settings.maxInFlight();
    String clientId = config.appId() + "-" + INTAKE + "-" + instance;
    Consumer<byte[], byte[]> consumer =
        clients.consumer(INTAKE, clientId, KafkaClientSettings.intakeOverrides(config));
    Producer<byte[], byte[]> producer = clients.producer(clientId + "-producer");
    IntakeLoop loop =
        new IntakeLoop(
            intakeSettings(config),
            consumer,
            producer,
            new DueWorkFirst(backlog, config.delay().maxBacklog(), dueRunsWaiting),
            intakeMetrics,
            learned.planner(),
            learnedMetrics,
            clock);
    watch.intake(consumer, producer, loop::isRunning);
    return loop;
  }

  static ResolverSettings resolverSettings(AppConfig config) {
    AppConfig.Topics t = config.topics();
    Duration shutdown = config.shutdownTimeout();
    return new ResolverSettings(
        t.delay(),
        t.results(),
        t.dlq(),
        config.query().maxInFlight(),
        config.delay().maxBuffered(),
        shutdown,
        shutdown.compareTo(ResolverSettings.DEFAULT_REVOCATION_TIMEOUT) <= 0
            ? shutdown
            : ResolverSettings.DEFAULT_REVOCATION_TIMEOUT,
        ResolverSettings.DEFAULT_COMMIT_INTERVAL,
        ResolverSettings.DEFAULT_IDLE_POLL,
        ResolverSettings.DEFAULT_BUSY_POLL);
  }

  static IntakeSettings intakeSettings(AppConfig config) {
    AppConfig.Topics t = config.topics();
    return new IntakeSettings(t.input(), t.delay(), t.dlq());
  }

  static OutcomeRouter router(AppConfig config, LearnedPolling learned) {
    AppConfig.Poll poll = config.poll();
    return new OutcomeRouter(
        learned.exponential(),
        learned.planner(),
        poll.maxAge(),
        poll.notFoundRetries(),
        config.retryMaxAttempts(),
        config.api().authRetryInterval());
  }

  /**
   * The {@link PoliteGate} of {@code config} on the system's monotonic clock: the instance gate,
   * {@code query.budget}, and pacing from the rate-limit headers.
   */
  static PoliteGate politeGate(AppConfig config) {
    AppConfig.Api api = config.api();
    return new PoliteGate(
        new InstanceGate(api.authRetryInterval(), api.maxRateLimitWait()),
        config.query().budget().map(b -> new RequestBudget(b.count(), b.period())),
        new RateLimitPacer(api.maxRateLimitWait()),
        System::nanoTime);
  }
}
