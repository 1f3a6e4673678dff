package io.workflowresult.resolver;

import io.workflowresult.api.WorkflowApi;
import io.workflowresult.config.AppConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
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
  private final List<Thread> threads = new ArrayList<>();

  private ResolverService(AppConfig config, IntakeLoop intake, ResolverLoop resolver) {
    this.config = config;
    this.intake = intake;
    this.resolver = resolver;
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
   * Collaborators with defaults: no metrics, an open gate, no intake throttle, the system clock.
   */
  public static final class Builder {
    private final AppConfig config;
    private final WorkflowApi api;
    private ResolverMetrics metrics = ResolverMetrics.NOOP;
    private QueryGate gate = QueryGate.OPEN;
    private IntakeThrottle throttle = IntakeThrottle.NEVER;
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
      String instance = UUID.randomUUID().toString().substring(0, 8);
      IntakeLoop intake = null;
      ResolverLoop resolver = null;
      if (runIntake) {
        intake =
            new IntakeLoop(
                s,
                c.consumer("intake", config.appId() + "-intake-" + instance, Map.of()),
                c.producer(config.appId() + "-intake-" + instance),
                throttle,
                metrics,
                clock);
      }
      if (runResolver) {
        resolver =
            new ResolverLoop(
                s,
                c.consumer(
                    "resolver",
                    config.appId() + "-resolver-" + instance,
                    Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, s.maxPollRecords())),
                c.producer(config.appId() + "-resolver-" + instance),
                api,
                OutcomeRouter.of(config),
                gate,
                metrics,
                clock);
      }
      ResolverService service = new ResolverService(config, intake, resolver);
      service.start();
      return service;
    }
  }
}
