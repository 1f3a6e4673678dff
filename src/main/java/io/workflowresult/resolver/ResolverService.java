package io.workflowresult.resolver;

import io.workflowresult.api.WorkflowApi;
import io.workflowresult.config.AppConfig;
import io.workflowresult.config.KafkaClientSettings;
import io.workflowresult.intake.DelayBacklog;
import io.workflowresult.intake.DueWorkFirst;
import io.workflowresult.intake.IntakeLoop;
import io.workflowresult.intake.IntakeThrottle;
import io.workflowresult.kafka.KafkaClients;
import io.workflowresult.resolver.politeness.PoliteGate;
import io.workflowresult.resolver.politeness.QueryGate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs intake and the resolver, each on its own thread, from an {@link AppConfig} and a {@link
 * WorkflowApi}. {@link #close(Duration)} is the SIGTERM path: intake stops taking input, the
 * resolver stops fetching and waits for its requests in flight, both commit what completed.
 *
 * <pre>{@code
 * ResolverService service = ResolverService.builder(config, api).metrics(m).start();
 * ...
 * service.close(config.shutdownTimeout());
 * }</pre>
 */
public final class ResolverService implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ResolverService.class);

  private final AppConfig config;
  private final IntakeLoop intake;
  private final ResolverLoop resolver;
  private final QueryGate gate;
  private final List<AutoCloseable> helpers;
  private final List<Thread> threads = new ArrayList<>();

  private ResolverService(
      AppConfig config,
      IntakeLoop intake,
      ResolverLoop resolver,
      QueryGate gate,
      List<AutoCloseable> helpers) {
    this.config = config;
    this.intake = intake;
    this.resolver = resolver;
    this.gate = gate;
    this.helpers = helpers;
  }

  public static Builder builder(AppConfig config, WorkflowApi api) {
    return new Builder(config, api);
  }

  /** The intake loop, when this service runs one. */
  public Optional<IntakeLoop> intake() {
    return Optional.ofNullable(intake);
  }

  /** The resolver loop, when this service runs one. */
  public Optional<ResolverLoop> resolver() {
    return Optional.ofNullable(resolver);
  }

  /**
   * The resolver's gate ({@link PoliteGate} unless replaced): {@link QueryGate#notReadyReason()}
   * says when the service cannot make progress (a refused key), for {@code /health/ready}.
   */
  public QueryGate gate() {
    return gate;
  }

  /** Why the service is not ready now (e.g. the API refuses the key); empty when it is. */
  public Optional<String> notReadyReason() {
    return resolver == null ? Optional.empty() : gate.notReadyReason();
  }

  /** Whether every loop it started is still running. */
  public boolean isRunning() {
    return (intake == null || intake.isRunning()) && (resolver == null || resolver.isRunning());
  }

  /** Stops intake first, then the resolver (waiting up to {@code timeout} for requests). */
  public boolean close(Duration timeout) {
    boolean clean = true;
    if (intake != null) {
      clean &= intake.close(timeout);
    }
    if (resolver != null) {
      clean &= resolver.close(timeout);
    }
    for (Thread t : threads) {
      try {
        t.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    for (AutoCloseable h : helpers) {
      try {
        h.close();
      } catch (Exception e) {
        log.warn("closing {} failed: {}", h, e.toString());
      }
    }
    return clean;
  }

  @Override
  public void close() {
    close(config.shutdownTimeout());
  }

  private void start() {
    if (intake != null) {
      threads.add(startThread(intake, "intake"));
    }
    if (resolver != null) {
      threads.add(startThread(resolver, "resolver"));
    }
  }

  private Thread startThread(Runnable loop, String name) {
    Thread t = new Thread(loop, config.appId() + "-" + name);
    t.setDaemon(false);
    t.start();
    log.info("{} started", name);
    return t;
  }

  /**
   * Collaborators with defaults: no metrics, the system clock, and politeness from the
   * configuration — a {@link PoliteGate} ({@code query.budget}, rate-limit headers, the instance
   * gate) and {@link DueWorkFirst} intake (paused while the delay backlog, measured with an admin
   * client, is above {@code delay.max-backlog}, or while this process's resolver has more due runs
   * waiting than {@code query.max-in-flight}). The resolver's metrics are always wrapped in a
   * {@link QuotaSummary} (requests per resolved run, first query → result, logged each minute).
   */
  public static final class Builder {
    private static final Duration BACKLOG_REFRESH = Duration.ofSeconds(1);
    private static final Duration QUOTA_SUMMARY_INTERVAL = Duration.ofMinutes(1);
    private final AppConfig config;
    private final WorkflowApi api;
    private ResolverMetrics metrics = ResolverMetrics.NOOP;
    private QueryGate gate;
    private IntakeThrottle throttle;
    private KafkaClients clients;
    private Clock clock = Clock.systemUTC();
    private boolean runIntake = true;
    private boolean runResolver = true;
    private ResolverSettings settings;

    private Builder(AppConfig config, WorkflowApi api) {
      this.config = config;
      this.api = api;
    }

    public Builder metrics(ResolverMetrics metrics) {
      this.metrics = metrics;
      return this;
    }

    public Builder gate(QueryGate gate) {
      this.gate = gate;
      return this;
    }

    public Builder intakeThrottle(IntakeThrottle throttle) {
      this.throttle = throttle;
      return this;
    }

    public Builder clients(KafkaClients clients) {
      this.clients = clients;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** Which loops to run ({@code --role}); both by default. */
    public Builder roles(boolean intake, boolean resolver) {
      this.runIntake = intake;
      this.runResolver = resolver;
      return this;
    }

    /** Replaces the settings derived from the configuration (tests: shorter intervals). */
    public Builder settings(ResolverSettings settings) {
      this.settings = settings;
      return this;
    }

    public ResolverService start() {
      ResolverSettings s = settings != null ? settings : ResolverSettings.of(config);
      KafkaClients c = clients != null ? clients : KafkaClients.of(config);
      QueryGate g = gate != null ? gate : PoliteGate.of(config);
      List<AutoCloseable> helpers = new ArrayList<>();
      // every client gets an id of its own: Kafka's client metrics are keyed by it
      String instance = UUID.randomUUID().toString().substring(0, 8);
      IntakeLoop intake = null;
      ResolverLoop resolver = null;
      if (runResolver) {
        resolver =
            new ResolverLoop(
                s,
                c.consumer(
                    "resolver",
                    config.appId() + "-resolver-" + instance,
                    Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, s.maxPollRecords())),
                c.producer(config.appId() + "-resolver-" + instance + "-producer"),
                api,
                OutcomeRouter.of(config),
                g,
                new QuotaSummary(metrics, QUOTA_SUMMARY_INTERVAL),
                clock);
      }
      if (runIntake) {
        intake =
            new IntakeLoop(
                s,
                c.consumer("intake", config.appId() + "-intake-" + instance, Map.of()),
                c.producer(config.appId() + "-intake-" + instance + "-producer"),
                throttle != null ? throttle : defaultThrottle(s, resolver, helpers),
                metrics,
                clock);
      }
      ResolverService service = new ResolverService(config, intake, resolver, g, helpers);
      service.start();
      return service;
    }

    private IntakeThrottle defaultThrottle(
        ResolverSettings s, ResolverLoop resolver, List<AutoCloseable> helpers) {
      Admin admin = Admin.create(KafkaClientSettings.admin(config));
      DelayBacklog backlog =
          new DelayBacklog(
              admin,
              s.delayTopic(),
              KafkaClientSettings.groupId(config, "resolver"),
              BACKLOG_REFRESH);
      helpers.add(backlog);
      helpers.add(() -> admin.close(Duration.ofSeconds(5)));
      BooleanSupplier dueWaiting =
          resolver == null ? () -> false : () -> resolver.dueRunsWaiting() > s.maxInFlight();
      return new DueWorkFirst(backlog, config.delay().maxBacklog(), dueWaiting);
    }
  }
}
