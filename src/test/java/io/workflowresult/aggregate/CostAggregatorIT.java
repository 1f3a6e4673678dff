package io.workflowresult.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.workflowresult.aggregate.query.CostRoutes;
import io.workflowresult.aggregate.query.CostsUnavailableException;
import io.workflowresult.aggregate.query.StreamsCostQueries;
import io.workflowresult.config.AppConfig;
import io.workflowresult.config.ConfigLoader;
import io.workflowresult.testing.KafkaTestCluster;
import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
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
import java.util.concurrent.TimeUnit;
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
 * the aggregator killed with SIGKILL mid-stream in a child JVM (no close, no commit, no flush — an
 * open transaction left behind), then restarted elsewhere with an empty state directory so that its
 * stores are rebuilt from the changelogs, then scaled to two instances. Outputs are read {@code
 * read_committed}.
 */
class CostAggregatorIT {
  private static final Duration WINDOW = Duration.ofHours(1);
  private static final int PARTITIONS = 2;

  private final String prefix = KafkaTestCluster.unique("cost");
  private final String appId = KafkaTestCluster.unique("cost-app");
  private final Map<String, RunRecord> latestByRun = new LinkedHashMap<>();
  private final List<AutoCloseable> closing = new ArrayList<>();
  private final long started = System.nanoTime();
  private Process child;

  @AfterEach
  void tearDown() throws Exception {
    if (child != null) {
      child.destroyForcibly();
    }
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
    OutputReader totals = new OutputReader(prefix + "-cost-totals");
    OutputReader windows = new OutputReader(prefix + "-cost-windows");
    closing.add(totals);
    closing.add(windows);
    send(batches.get(0));
    send(batches.get(1));

    // When the aggregator runs in its own JVM and is killed while it works
    child = startChild(freePort());
    phase("child started");
    await("first totals from the child aggregator")
        .atMost(Duration.ofSeconds(120))
        .until(() -> !totals.refresh().isEmpty());
    child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
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

  private Map<String, String> settings(Path stateDir, int port) {
    Map<String, String> s = new LinkedHashMap<>();
    s.put("kafka.bootstrap.servers", KafkaTestCluster.bootstrapServers());
    s.put("app.id", appId);
    s.put("state.dir", stateDir.toString());
    s.put("topics.results", prefix + "-results");
    s.put("topics.cost-totals", prefix + "-cost-totals");
    s.put("topics.cost-windows", prefix + "-cost-windows");
    s.put("aggregate.window", "1h");
    s.put("http.port", Integer.toString(port));
    s.put("http.advertised-host", "localhost");
    s.put("api.key", "unused-by-the-aggregator");
    s.put("kafka.streams.commit.interval.ms", "100");
    // a killed member leaves the group, and its open transaction aborts, within seconds
    s.put("kafka.streams.consumer.session.timeout.ms", "6000");
    s.put("kafka.streams.consumer.heartbeat.interval.ms", "1000");
    s.put("kafka.streams.producer.transaction.timeout.ms", "5000");
    return s;
  }

  private Process startChild(int port) throws IOException {
    Path stateDir = Files.createTempDirectory("cost-child");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    // a short-lived JVM: less JIT and GC work on a busy machine
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-XX:+UseSerialGC");
    command.add("-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"));
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(AggregatorProcess.class.getName());
    settings(stateDir, port).forEach((k, v) -> command.add(k + "=" + v));
    File log = Files.createTempFile("cost-child", ".log").toFile();
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
  }

  private Instance startInProcess(int port) throws IOException {
    AppConfig config = ConfigLoader.fromMap(settings(Files.createTempDirectory("cost-b"), port));
    CostAggregator aggregator = CostAggregator.create(config, AggregateMetrics.NOOP);
    closing.add(aggregator);
    aggregator.start();
    StreamsCostQueries queries = StreamsCostQueries.of(aggregator, config);
    closing.add(new CostHttpStub(port, new CostRoutes(queries)));
    return new Instance(aggregator, queries);
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
