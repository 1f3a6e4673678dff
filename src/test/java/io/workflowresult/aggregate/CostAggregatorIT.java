package io.workflowresult.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.workflowresult.aggregate.query.CostRoutes;
import io.workflowresult.aggregate.query.CostsUnavailableException;
import io.workflowresult.aggregate.query.StreamsCostQueries;
import io.workflowresult.config.AppConfig;
import io.workflowresult.config.Durations;
import io.workflowresult.testing.KafkaTestCluster;
import io.workflowresult.testing.ServiceProcess;
import io.workflowresult.testing.StubApiServer;
import io.workflowresult.testing.TestConfig;
import io.workflowresult.testing.verify.OutputReader;
import io.workflowresult.testing.verify.OutputRecord;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Exactly-once cost aggregates against a real broker: results with duplicates and changed statuses,
 * the service's aggregator ({@code run --role aggregator}, a child JVM) killed with SIGKILL
 * mid-stream (no close, no commit, no flush — an open transaction left behind), then restarted
 * elsewhere with an empty state directory so that its stores are rebuilt from the changelogs, then
 * scaled to two instances. Outputs are read {@code read_committed}.
 */
class CostAggregatorIT {
  private static final Duration WINDOW = Duration.ofHours(1);
  private static final int PARTITIONS = 2;

  private final String prefix = KafkaTestCluster.unique("cost");
  private final String appId = KafkaTestCluster.unique("cost-app");
  private final Map<String, RunRecord> latestByRun = new LinkedHashMap<>();
  private final List<AutoCloseable> closing = new ArrayList<>();
  private final long started = System.nanoTime();

  @AfterEach
  void tearDown() throws Exception {
    for (int i = closing.size() - 1; i >= 0; i--) {
      closing.get(i).close();
    }
  }

  @Test
  void totalsStayExactAcrossACrashAndRestart() throws Exception {
    // Given the topics and three batches of results; later batches repeat earlier runs
    KafkaTestCluster.bootstrapServers();
    phase("broker up");
    createTopics();
    List<List<RunRecord>> batches =
        new ResultGenerator(42, CostDriver.NOW.toEpochMilli()).batches();
    CostTopic totals = new CostTopic(prefix + "-cost-totals");
    CostTopic windows = new CostTopic(prefix + "-cost-windows");
    closing.add(totals);
    closing.add(windows);
    send(batches.get(0));
    send(batches.get(1));

    // When the aggregator runs in its own JVM and is killed while it works
    ServiceProcess child = startChild(freePort());
    phase("child started");
    await("first totals from the child aggregator")
        .atMost(Duration.ofSeconds(120))
        .until(
            () -> {
              child.assertAlive();
              return !totals.refresh().isEmpty();
            });
    child.kill9();
    long runsAtKill = totals.refresh().values().stream().mapToLong(CostSum::runs).sum();
    phase(
        "child killed: %d committed totals records, %d of %d distinct runs counted",
        totals.recordsRead(), runsAtKill, latestByRun.size());

    // and another instance takes over with an empty state directory while more results arrive
    send(batches.get(2));
    Instance instanceB = startInProcess(freePort());
    CostAggregator b = instanceB.aggregator();
    phase("restarted");
    StreamsCostQueries queriesB = instanceB.queries();

    // Then the latest totals equal the exact sums over the distinct runs
    Map<String, Expected> expected = Expected.totals(latestByRun.values());
    await("latest totals equal the exact sums of the distinct runs")
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(() -> assertFigures(totals.refresh(), expected));
    phase("restarted instance reached the exact totals");
    assertThat(totals.maxRunsSeen())
        .as("no committed totals record ever counted a run twice")
        .allSatisfy(
            (workflowId, runs) ->
                assertThat(runs).isLessThanOrEqualTo(expected.get(workflowId).runs()));
    // and the windows hold exactly the runs whose event time falls in them
    await("windows equal the exact sums per window")
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertFigures(
                    nonEmpty(windows.refresh()),
                    Expected.windows(latestByRun.values(), WINDOW.toMillis())));
    assertWindowsSumToTotals(windows.refresh(), totals.refresh());
    // and the queries answer the same figures
    assertQueriesAgree(queriesB, expected);

    phase("windows and queries agree");

    // When a second instance joins, each holding part of the stores
    Instance instanceC = startInProcess(freePort());
    CostAggregator c = instanceC.aggregator();
    StreamsCostQueries queriesC = instanceC.queries();
    await("both instances running with tasks")
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                b.isRunning()
                    && c.isRunning()
                    && b.streams().streamsMetadataForStore(CostTopology.TOTALS_STORE).size() == 2);

    // Then either instance answers every workflow, fetching from the other what it does not hold
    await("queries answered across instances")
        .atMost(Duration.ofSeconds(60))
        .ignoreException(CostsUnavailableException.class)
        .untilAsserted(
            () -> {
              assertQueriesAgree(queriesB, expected);
              assertQueriesAgree(queriesC, expected);
            });
    phase("two instances answer the same figures");
  }

  private void phase(String format, Object... args) {
    System.out.printf(
        "[%5.1f s] %s%n", (System.nanoTime() - started) / 1e9, String.format(format, args));
  }

  private void assertQueriesAgree(StreamsCostQueries queries, Map<String, Expected> expected) {
    Map<String, CostSum> all = new TreeMap<>();
    CostSumJson.parseArray(queries.allTotalsJson()).forEach(s -> all.put(s.workflowId(), s));
    assertFigures(all, expected);
    for (Map.Entry<String, Expected> e : expected.entrySet()) {
      Optional<String> one = queries.totalsJson(e.getKey());
      assertThat(one).as("totals of " + e.getKey()).isPresent();
      assertThat(Expected.of(CostSumJson.parse(one.get()))).isEqualTo(e.getValue());
      List<CostSum> windows =
          CostSumJson.parseArray(queries.windowsJson(e.getKey(), Long.MIN_VALUE, Long.MAX_VALUE));
      Expected windowSum = windows.stream().map(Expected::of).reduce(Expected.ZERO, Expected::plus);
      assertThat(windowSum).as("windows of " + e.getKey()).isEqualTo(e.getValue());
    }
    assertThat(queries.totalsJson("no-such-workflow")).isEmpty();
  }

  private static void assertFigures(Map<String, CostSum> actual, Map<String, Expected> expected) {
    Map<String, Expected> figures = new TreeMap<>();
    actual.forEach((key, sum) -> figures.put(key, Expected.of(sum)));
    assertThat(figures).isEqualTo(expected);
  }

  private static void assertWindowsSumToTotals(
      Map<String, CostSum> windows, Map<String, CostSum> totals) {
    Map<String, Expected> sums = new TreeMap<>();
    windows.forEach(
        (key, sum) ->
            sums.merge(
                WindowKey.parse(key).orElseThrow().workflowId(), Expected.of(sum), Expected::plus));
    Map<String, Expected> totalFigures = new TreeMap<>();
    totals.forEach((key, sum) -> totalFigures.put(key, Expected.of(sum)));
    assertThat(sums).isEqualTo(totalFigures);
  }

  private static Map<String, CostSum> nonEmpty(Map<String, CostSum> sums) {
    return sums.entrySet().stream()
        .filter(e -> e.getValue().runs() != 0)
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  private void createTopics() throws Exception {
    Map<String, String> compact =
        Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
    KafkaTestCluster.createTopics(
        new NewTopic(prefix + "-results", PARTITIONS, (short) 1).configs(compact),
        new NewTopic(prefix + "-cost-totals", 1, (short) 1).configs(compact),
        new NewTopic(prefix + "-cost-windows", 1, (short) 1).configs(compact));
  }

  private void send(List<RunRecord> batch) throws Exception {
    Map<String, Object> props = new HashMap<>();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestCluster.bootstrapServers());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
      for (RunRecord r : batch) {
        producer.send(
            new ProducerRecord<>(
                prefix + "-results",
                null,
                r.timestamp(),
                r.runId(),
                r.json().getBytes(StandardCharsets.UTF_8)));
        latestByRun.put(r.runId(), r);
      }
      producer.flush();
    }
  }

  private TestConfig config(Path stateDir, int port) {
    return TestConfig.onTestBroker(appId)
        .topics(prefix)
        .setAll(
            "state.dir", stateDir.toString(),
            "aggregate.window", Durations.format(WINDOW),
            "http.port", Integer.toString(port),
            "http.advertised-host", "localhost",
            "kafka.streams.commit.interval.ms", "100",
            // a killed member leaves the group, and its open transaction aborts, within seconds
            "kafka.streams.consumer.session.timeout.ms", "6000",
            "kafka.streams.consumer.heartbeat.interval.ms", "1000",
            "kafka.streams.producer.transaction.timeout.ms", "5000");
  }

  /** The service's jar with the aggregator alone ({@code run --role aggregator}). */
  private ServiceProcess startChild(int port) throws IOException {
    TestConfig config = config(Files.createTempDirectory("cost-child"), port);
    ServiceProcess child =
        ServiceProcess.run(
            appId + "-child", config.settings(), config.environment(), "--role", "aggregator");
    closing.add(child);
    return child;
  }

  private Instance startInProcess(int port) throws IOException {
    AppConfig config = config(Files.createTempDirectory("cost-b"), port).build();
    CostAggregator aggregator = CostAggregator.create(config, AggregateMetrics.NOOP);
    closing.add(aggregator);
    aggregator.start();
    StreamsCostQueries queries = StreamsCostQueries.of(aggregator, config);
    closing.add(costEndpoint(port, new CostRoutes(queries)));
    return new Instance(aggregator, queries);
  }

  /** {@code /costs} over {@code routes} on {@code port}: lets the instances ask each other. */
  private static StubApiServer costEndpoint(int port, CostRoutes routes) throws IOException {
    StubApiServer endpoint = StubApiServer.onPort(port);
    endpoint.answer(
        exchange -> {
          URI uri = exchange.getRequestURI();
          CostRoutes.Answer answer = routes.answer(uri.getRawPath(), uri.getRawQuery());
          StubApiServer.send(exchange, answer.status(), Map.of(), answer.json());
        });
    return endpoint;
  }

  /**
   * A totals or windows topic read {@code read_committed} from the beginning: the latest record per
   * key, and the most runs any committed record of a key ever showed.
   */
  private static final class CostTopic implements AutoCloseable {
    private final OutputReader reader;
    private final Map<String, CostSum> latest = new TreeMap<>();
    private final Map<String, Long> maxRuns = new TreeMap<>();
    private long records;

    CostTopic(String topic) {
      reader = new OutputReader(KafkaTestCluster.bootstrapServers(), Map.of(topic, this::add));
    }

    private void add(OutputRecord r) {
      CostSum sum = CostSumJson.parse(r.value());
      latest.put(r.key(), sum);
      maxRuns.merge(r.key(), sum.runs(), Math::max);
      records++;
    }

    /** Reads up to the last stable offset; the latest committed record per key. */
    Map<String, CostSum> refresh() {
      reader.catchUp(Duration.ofSeconds(30));
      return new TreeMap<>(latest);
    }

    long recordsRead() {
      return records;
    }

    Map<String, Long> maxRunsSeen() {
      return maxRuns;
    }

    @Override
    public void close() {
      reader.close();
    }
  }

  private record Instance(CostAggregator aggregator, StreamsCostQueries queries) {}

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** The figures of a sum, compared exactly ({@link BigDecimal} by value, not scale). */
  record Expected(long runs, long succeeded, long failed, BigDecimal cost, long tokens) {
    static final Expected ZERO = new Expected(0, 0, 0, BigDecimal.ZERO, 0);

    static Expected of(CostSum s) {
      return new Expected(s.runs(), s.succeeded(), s.failed(), s.totalCost(), s.totalTokens());
    }

    static Expected of(RunRecord r) {
      boolean ok = r.status().equals("SUCCEED");
      return new Expected(1, ok ? 1 : 0, ok ? 0 : 1, new BigDecimal(r.cost()), r.tokens());
    }

    Expected plus(Expected o) {
      return new Expected(
          runs + o.runs,
          succeeded + o.succeeded,
          failed + o.failed,
          cost.add(o.cost),
          tokens + o.tokens);
    }

    static Map<String, Expected> totals(Iterable<RunRecord> runs) {
      Map<String, Expected> m = new TreeMap<>();
      runs.forEach(r -> m.merge(r.workflowId(), of(r), Expected::plus));
      return m;
    }

    static Map<String, Expected> windows(Iterable<RunRecord> runs, long size) {
      Map<String, Expected> m = new TreeMap<>();
      runs.forEach(
          r ->
              m.merge(
                  WindowKey.of(r.workflowId(), r.eventTime(), size).format(),
                  of(r),
                  Expected::plus));
      return m;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Expected e
          && runs == e.runs
          && succeeded == e.succeeded
          && failed == e.failed
          && cost.compareTo(e.cost) == 0
          && tokens == e.tokens;
    }

    @Override
    public int hashCode() {
      return Long.hashCode(runs) ^ cost.stripTrailingZeros().hashCode();
    }

    @Override
    public String toString() {
      return runs
          + " runs ("
          + succeeded
          + " ok, "
          + failed
          + " failed), cost "
          + cost.toPlainString()
          + ", "
          + tokens
          + " tokens";
    }
  }
}
