package io.workflowresult.cli;

import io.workflowresult.config.AppConfig;
import io.workflowresult.config.AppConfig.Role;
import io.workflowresult.config.ConfigDump;
import io.workflowresult.config.ConfigException;
import io.workflowresult.config.ConfigKeys;
import io.workflowresult.config.KafkaClientSettings;
import io.workflowresult.config.Roles;
import io.workflowresult.kafka.InstanceIdentity;
import io.workflowresult.pipeline.PipelineAssembly;
import io.workflowresult.pipeline.RunningPipeline;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The {@code run} command: reads and validates the configuration, logs the effective {@code app.id}
 * and configuration (secrets redacted), checks that Kafka answers, starts the pipeline and waits
 * for SIGTERM.
 *
 * <p><b>Where the pipeline plugs in.</b> {@link PipelineAssembly} builds and starts the parts of
 * the given roles and returns them as one {@link RunningPipeline}, which stops them in order and
 * reports a part that stopped on its own (then {@code run} exits 1). Tests pass their own {@link
 * PipelineStarter} and {@link ShutdownSignal} through the constructor. Failures thrown while
 * starting reach {@link ExitCodes}, which maps them to an exit code and one line.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Run the pipeline (intake, resolver, aggregator) until SIGTERM.")
public final class RunCommand implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

  /** Extra time the shutdown hook grants beyond {@code shutdown.timeout} to close clients. */
  private static final Duration CLOSE_MARGIN = Duration.ofSeconds(10);

  /** How often the running pipeline is checked for a part that stopped on its own. */
  private static final Duration WATCH_INTERVAL = Duration.ofSeconds(1);

  @Mixin ConfigOptions configOptions;

  @Option(
      names = "--role",
      paramLabel = "ROLES",
      defaultValue = "all",
      description = "all, or a comma-separated list of intake, resolver, aggregator (default all).")
  String role;

  @Mixin KafkaCheckOption kafkaCheck;

  private final PipelineStarter starter;
  private final Function<AppConfig, ShutdownSignal> signals;

  public RunCommand() {
    this(
        RunCommand::startPipeline,
        config -> ShutdownSignal.ofJvm(config.shutdownTimeout().plus(CLOSE_MARGIN)));
  }

  /** For tests: a pipeline and a stop signal of their own. */
  RunCommand(PipelineStarter starter, Function<AppConfig, ShutdownSignal> signals) {
    this.starter = starter;
    this.signals = signals;
  }

  @Override
  public Integer call() throws Exception {
    AppConfig config = configOptions.load();
    Set<Role> roles = Roles.parse(role);
    LogFormatConfigurer.apply(config);
    log.info("app.id = {}, roles = {}", config.appId(), roles);
    log.info("effective configuration:{}{}", System.lineSeparator(), ConfigDump.describe(config));
    StateDirLock stateDirLock = StateDirLock.acquire(config.stateDir());
    try {
      config = InstanceIdentity.resolve(config);
      logMembership(config);
      String clusterId = KafkaConnectivity.check(config, kafkaCheck.timeout);
      log.info("Kafka at {} answers (cluster {})", config.kafka().bootstrapServers(), clusterId);
      return runUntilStopped(config, roles);
    } finally {
      stateDirLock.close();
    }
  }

  private int runUntilStopped(AppConfig config, Set<Role> roles) throws Exception {
    ShutdownSignal signal = signals.apply(config);
    int exitCode = ExitCodes.FAILURE;
    Optional<String> failed;
    try {
      RunningPipeline pipeline = starter.start(config, roles);
      try {
        log.info("started; waiting for SIGTERM");
        failed = awaitStopOrFailure(signal, pipeline);
        if (failed.isPresent() && InstanceIdentity.isTakenOver(failed.get())) {
          exitCode = ExitCodes.CONFIG;
          log.error("{}; stopping the process (exit code 2)", failed.get());
        } else if (failed.isPresent()) {
          log.error(
              "{}; stopping the process (exit code 1) so that its supervisor restarts it",
              failed.get());
        } else {
          log.info("stopping");
        }
      } finally {
        pipeline.close();
      }
      if (failed.isEmpty()) {
        exitCode = ExitCodes.OK;
        // before stopped(): on SIGTERM the JVM halts right after it
        log.info("stopped");
      }
    } finally {
      signal.stopped(exitCode);
    }
    if (failed.isPresent() && InstanceIdentity.isTakenOver(failed.get())) {
      String id = config.instance().id().orElseThrow();
      InstanceIdentity.recordTakenOver(config.stateDir(), id, failed.get());
      throw new ConfigException(ConfigKeys.INSTANCE_ID, InstanceIdentity.takenOverLine(id));
    }
    if (failed.isPresent()) {
      throw new PipelineFailedException(failed.get());
    }
    return exitCode;
  }

  private static void logMembership(AppConfig config) {
    String id = config.instance().id().orElseThrow();
    log.info(
        "instance id {}: every group member of this instance is a static member named after it;"
            + " a SIGTERM {}",
        id,
        config.instance().leaveGroupOnShutdown()
            ? "leaves the groups for good (shutdown.leave-group=true)"
            : "keeps the membership for the restart that follows (shutdown.leave-group=false)");
    KafkaClientSettings.staticMembershipOff(config)
        .ifPresent(
            clients ->
                log.warn(
                    "static membership is off for {}: a group.protocol other than classic is"
                        + " passed through, under which a rejoin after kill -9 is refused until"
                        + " the old session expires; their restarts wait for session.timeout.ms",
                    clients));
  }

  /** Waits for SIGTERM, watching the pipeline meanwhile; the failure, if a part stopped. */
  private static Optional<String> awaitStopOrFailure(
      ShutdownSignal signal, RunningPipeline pipeline) throws InterruptedException {
    while (!signal.awaitStopRequest(WATCH_INTERVAL)) {
      Optional<String> failure = pipeline.failure();
      if (failure.isPresent()) {
        return failure;
      }
    }
    return Optional.empty();
  }

  /** A part of the pipeline stopped on its own: {@code run} exits 1 with this one line. */
  static final class PipelineFailedException extends Exception {
    private static final long serialVersionUID = 1L;

    PipelineFailedException(String message) {
      super(message);
    }
  }

  /** Builds and starts the parts of {@code roles}: see {@link PipelineAssembly}. */
  static RunningPipeline startPipeline(AppConfig config, Set<Role> roles) throws Exception {
    return PipelineAssembly.start(config, roles);
  }
}
