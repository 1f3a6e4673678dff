package io.workflowresult.pipeline;

import io.workflowresult.aggregate.AggregateMetrics;
import io.workflowresult.aggregate.CostAggregator;
import io.workflowresult.aggregate.query.CostRoutes;
import io.workflowresult.aggregate.query.StreamsCostQueries;
import io.workflowresult.api.WorkflowApi;
import io.workflowresult.api.WorkflowApiClient;
import io.workflowresult.config.AppConfig;
import io.workflowresult.config.AppConfig.Role;
import io.workflowresult.config.KafkaClientSettings;
import io.workflowresult.intake.IntakeLoop;
import io.workflowresult.kafka.InstanceIdentity;
import io.workflowresult.ops.CostLookup;
import io.workflowresult.ops.Operations;
import io.workflowresult.resolver.ResolverLoop;
import io.workflowresult.topics.TopicProvisioner;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds and starts the parts of {@code run} for its roles, in this order: the operations surface
 * (metrics, readiness, the Kafka watch), the topics (created or checked), the API client, intake
 * and the resolver, the aggregator, then the HTTP endpoints. The aggregator is built from the start
 * and started once the topics exist, on a thread of its own beside the rest ({@link
 * AggregatorLaunch}), so that a restart pays the longer of the two, not their sum. Closing stops
 * them in the reverse order: readiness turns 503, intake stops taking input, the resolver waits up
 * to {@code shutdown.timeout} for requests in flight and commits, the aggregator commits, and the
 * endpoints go last.
 */
public final class PipelineAssembly {
  private static final Logger log = LoggerFactory.getLogger(PipelineAssembly.class);

  private PipelineAssembly() {}

  /**
   * Starts {@code roles}; the result stops everything it started, and tells when a part stopped on
   * its own.
   */
  public static RunningPipeline start(AppConfig config, Set<Role> roles) throws Exception {
    Clock clock = Clock.systemUTC();
    Closer closer = new Closer();
    List<Supplier<Optional<String>>> watched = new ArrayList<>();
    Optional<AggregatorLaunch> launch = Optional.empty();
    try {
      Operations ops = closer.add("operations", new Operations(clock));
      if (roles.contains(Role.AGGREGATOR)) {
        AggregateMetrics metrics = ops.aggregateMetrics();
        launch = Optional.of(AggregatorLaunch.begin(() -> CostAggregator.create(config, metrics)));
      }
      Admin admin = closer.add("admin client", Admin.create(KafkaClientSettings.admin(config)));
      ops.watchKafka(admin, config.appId());
      TopicProvisioner.provision(config, admin);
      launch.ifPresent(AggregatorLaunch::topicsReady);
      if (roles.contains(Role.INTAKE) || roles.contains(Role.RESOLVER)) {
        IntakeAndResolver loops = startLoops(config, roles, clock, ops, admin, closer);
        watched.add(() -> stoppedLoop("intake", loops.intake().flatMap(IntakeLoop::failure)));
        watched.add(
            () -> stoppedLoop("the resolver", loops.resolver().flatMap(ResolverLoop::failure)));
      }
      Optional<CostLookup> costs = Optional.empty();
      if (launch.isPresent()) {
        CostAggregator aggregator = launch.get().awaitStarted();
        closer.add("aggregator", () -> aggregator.close(config.shutdownTimeout()));
        launch = Optional.empty();
        ops.watchStreams(aggregator.streams());
        costs = Optional.of(lookup(aggregator, config));
        watched.add(
            () ->
                aggregator
                    .failure()
                    .flatMap(InstanceIdentity::takenOver)
                    .or(() -> stoppedAggregator(aggregator.state())));
      }
      int port = ops.serve(config.http().port(), costs);
      log.info("roles {} started; endpoints on http port {}", roles, port);
      closer.add("readiness", ops::stopping);
      return new RunningPipeline() {
        @Override
        public Optional<String> failure() {
          return watched.stream().map(Supplier::get).flatMap(Optional::stream).findFirst();
        }

        @Override
        public void close() {
          closer.close();
        }
      };
    } catch (Exception | Error e) {
      launch.ifPresent(AggregatorLaunch::abandon);
      closer.close();
      throw e;
    }
  }

  static Optional<String> stoppedLoop(String name, Optional<Throwable> failure) {
    return failure.map(
        e -> InstanceIdentity.takenOver(e).orElse(name + " stopped on an unexpected error: " + e));
  }

  static Optional<String> stoppedAggregator(KafkaStreams.State state) {
    return state == KafkaStreams.State.ERROR || state == KafkaStreams.State.PENDING_ERROR
        ? Optional.of("the cost aggregator stopped: Kafka Streams is " + state)
        : Optional.empty();
  }

  private static IntakeAndResolver startLoops(
      AppConfig config, Set<Role> roles, Clock clock, Operations ops, Admin admin, Closer closer) {
    WorkflowApi api =
        closer.add("API client", ops.meter(new WorkflowApiClient(config.api(), clock)));
    IntakeAndResolver loops =
        LoopAssembly.of(config, api, admin)
            .metrics(ops.resolverMetrics(), ops.intakeMetrics(), ops.learnedMetrics())
            .watch(watchedBy(ops, config.topics().delay()))
            .clock(clock)
            .start(roles);
    ops.watchApiKey(loops::notReadyReason);
    ops.watchApiGate(loops::gateStatus);
    closer.add("intake and resolver", () -> loops.close(config.shutdownTimeout()));
    return loops;
  }

  /**
   * Each loop's client metrics and readiness condition ({@code intake}, {@code resolver}), and the
   * resolver consumer's lag on the delay topic as its unfetched records.
   */
  private static LoopWatch watchedBy(Operations ops, String delayTopic) {
    return new LoopWatch() {
      @Override
      public void intake(
          Consumer<?, ?> consumer, Producer<?, ?> producer, BooleanSupplier running) {
        ops.watchLoop(LoopAssembly.INTAKE, consumer, producer, running);
      }

      @Override
      public void resolver(
          Consumer<?, ?> consumer, Producer<?, ?> producer, BooleanSupplier running) {
        ops.watchLoop(LoopAssembly.RESOLVER, consumer, producer, running);
        ops.unfetchedOf(consumer, delayTopic);
      }
    };
  }

  private static CostLookup lookup(CostAggregator aggregator, AppConfig config) {
    CostRoutes routes = new CostRoutes(StreamsCostQueries.of(aggregator, config));
    return (path, query) -> {
      CostRoutes.Answer answer = routes.answer(path, query);
      return new CostLookup.Answer(answer.status(), answer.json());
    };
  }
}
