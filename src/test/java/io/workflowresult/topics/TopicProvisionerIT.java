package io.workflowresult.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.workflowresult.config.AppConfig;
import io.workflowresult.testing.KafkaTestCluster;
import io.workflowresult.testing.TestConfig;
import io.workflowresult.topics.TopicSetupException.Reason;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TopicProvisionerIT {
  private static final int PARTITIONS = 3;
  private static Admin admin;

  @BeforeAll
  static void connect() {
    admin = Admin.create(Map.of("bootstrap.servers", KafkaTestCluster.bootstrapServers()));
  }

  @AfterAll
  static void close() {
    admin.close();
  }

  @TempDir Path stateDir;

  private AppConfig config(String prefix, boolean create) {
    return TestConfig.defaults()
        .set("kafka.bootstrap.servers", KafkaTestCluster.bootstrapServers())
        .set("state.dir", stateDir.toString())
        .topics(prefix)
        .set("topics.create", Boolean.toString(create))
        .set("topics.partitions", Integer.toString(PARTITIONS))
        .build();
  }

  private static ProvisionedTopics provision(AppConfig config) {
    return TopicProvisioner.of(admin, config, Map.of()).ensureTopics();
  }

  private static Map<String, Config> configsOf(List<String> names) throws Exception {
    var resources =
        names.stream().map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList();
    return admin.describeConfigs(resources).all().get().entrySet().stream()
        .collect(Collectors.toMap(e -> e.getKey().name(), Map.Entry::getValue));
  }

  private static void createTopic(String name, int partitions, String cleanupPolicy)
      throws Exception {
    NewTopic topic =
        new NewTopic(name, partitions, (short) 1).configs(Map.of("cleanup.policy", cleanupPolicy));
    admin.createTopics(List.of(topic)).all().get();
    awaitVisible(List.of(name));
  }

  /** A topic just created reaches the broker's metadata a moment later. */
  private static void awaitVisible(List<String> names) {
    Awaitility.await("topics " + names + " visible to describeTopics")
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(50))
        .ignoreExceptions()
        .until(() -> admin.describeTopics(names).allTopicNames().get().size() == names.size());
  }

  /** Every topic name of the service, in contract order, run stats last. */
  private static List<String> names(AppConfig config) {
    return TopicRequirements.of(config, Map.of()).stream().map(TopicSpec::name).toList();
  }

  @Test
  void createsEveryTopicWithItsPolicy() throws Exception {
    AppConfig config = config(KafkaTestCluster.unique("create"), true);

    ProvisionedTopics provisioned = provision(config);

    List<String> names = names(config);
    assertThat(provisioned.created()).containsExactlyInAnyOrderElementsOf(names);
    assertThat(admin.describeTopics(names).allTopicNames().get().values())
        .allSatisfy(d -> assertThat(d.partitions()).hasSize(PARTITIONS));
    Map<String, String> policies =
        configsOf(names).entrySet().stream()
            .collect(
                Collectors.toMap(
                    Map.Entry::getKey, e -> e.getValue().get("cleanup.policy").value()));
    AppConfig.Topics t = config.topics();
    assertThat(policies)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                t.input(), "delete",
                t.delay(), "delete",
                t.results(), "compact",
                t.dlq(), "delete",
                t.costTotals(), "compact",
                t.costWindows(), "compact",
                t.runStats(), "compact"));
    Config delay = configsOf(List.of(t.delay())).get(t.delay());
    assertThat(delay.get("retention.ms").value())
        .isEqualTo(Long.toString(Duration.ofHours(24).plusDays(7).toMillis()));
    Config runStats = configsOf(List.of(t.runStats())).get(t.runStats());
    assertThat(runStats.get("segment.ms").value())
        .isEqualTo(Long.toString(Duration.ofHours(1).toMillis()));
    assertThat(configsOf(names).values())
        .allSatisfy(c -> assertThat(c.get("max.message.bytes").value()).isEqualTo("1048588"));
  }

  @Test
  void startUpWiringSizesTopicsByTheConfiguredProducer() throws Exception {
    String prefix = KafkaTestCluster.unique("wired");
    AppConfig config =
        TestConfig.defaults()
            .set("kafka.bootstrap.servers", KafkaTestCluster.bootstrapServers())
            .set("kafka.producer.max.request.size", "2097152")
            .set("state.dir", stateDir.toString())
            .set("topics.partitions", "1")
            .topics(prefix)
            .build();

    ProvisionedTopics provisioned = TopicProvisioner.provision(config);

    assertThat(provisioned.created()).contains(prefix + "-results");
    assertThat(configsOf(List.of(prefix + "-results")).get(prefix + "-results"))
        .extracting(c -> c.get("max.message.bytes").value())
        .isEqualTo("2097152");
  }

  @Test
  void aSecondRunCreatesNothingAndPasses() {
    AppConfig config = config(KafkaTestCluster.unique("again"), true);
    ProvisionedTopics first = provision(config);

    ProvisionedTopics second = provision(config);

    assertThat(second.created()).isEmpty();
    assertThat(second.partitions()).isEqualTo(first.partitions());
  }

  @Test
  void twoInstancesStartingAtOnceBothSucceed() {
    AppConfig config = config(KafkaTestCluster.unique("race"), true);
    try (Admin other =
        Admin.create(Map.of("bootstrap.servers", config.kafka().bootstrapServers()))) {
      CompletableFuture<ProvisionedTopics> a =
          CompletableFuture.supplyAsync(() -> provision(config));
      CompletableFuture<ProvisionedTopics> b =
          CompletableFuture.supplyAsync(
              () -> TopicProvisioner.of(other, config, Map.of()).ensureTopics());

      List<ProvisionedTopics> both = List.of(a.join(), b.join());

      assertThat(both)
          .flatExtracting(p -> List.copyOf(p.created()))
          .as("every topic created exactly once")
          .containsExactlyInAnyOrderElementsOf(names(config));
      assertThat(both).allSatisfy(p -> assertThat(p.partitions()).hasSize(names(config).size()));
    }
  }

  @Test
  void keepsTheResultsTopicsOwnPartitionCount() throws Exception {
    AppConfig config = config(KafkaTestCluster.unique("keep"), true);
    String results = config.topics().results();
    createTopic(results, 2, "compact");

    ProvisionedTopics provisioned = provision(config);

    assertThat(provisioned.partitionsOf(results)).isEqualTo(2);
    assertThat(provisioned.created()).doesNotContain(results);
    assertThat(
            admin.describeTopics(List.of(results)).allTopicNames().get().get(results).partitions())
        .hasSize(2);
  }

  @Test
  void moreResultsPartitionsSinceTheLastStartStopStartUp() throws Exception {
    AppConfig config = config(KafkaTestCluster.unique("grown"), true);
    String results = config.topics().results();
    provision(config);
    admin.createPartitions(Map.of(results, NewPartitions.increaseTo(PARTITIONS + 1))).all().get();
    Awaitility.await("partitions of " + results + " visible")
        .atMost(Duration.ofSeconds(10))
        .until(() -> partitionCount(results) == PARTITIONS + 1);

    assertThatThrownBy(() -> provision(config))
        .isInstanceOfSatisfying(
            TopicSetupException.class, e -> assertThat(e.reason()).isEqualTo(Reason.MISCONFIGURED))
        .hasMessageStartingWith(
            "topic " + results + " has " + (PARTITIONS + 1) + " partitions but had " + PARTITIONS);
  }

  private static int partitionCount(String topic) throws Exception {
    return admin
        .describeTopics(List.of(topic))
        .allTopicNames()
        .get()
        .get(topic)
        .partitions()
        .size();
  }

  @Test
  void aResultsTopicThatDeletesStopsStartUpWithOneLine() throws Exception {
    AppConfig config = config(KafkaTestCluster.unique("wrong"), true);
    String results = config.topics().results();
    createTopic(results, 1, "delete");

    assertThatThrownBy(() -> provision(config))
        .isInstanceOfSatisfying(
            TopicSetupException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.MISCONFIGURED);
              assertThat(e.topic()).hasValue(results);
            })
        .hasMessage(
            "topic "
                + results
                + " has cleanup.policy=delete, needs compact (latest value per key kept)");
  }

  @Test
  void aMissingTopicWithCreationDisabledStopsStartUpNamingIt() throws Exception {
    AppConfig config = config(KafkaTestCluster.unique("nocreate"), false);
    AppConfig.Topics t = config.topics();
    admin
        .createTopics(
            TopicRequirements.of(config, Map.of()).stream()
                .filter(s -> !s.name().equals(t.dlq()))
                .map(s -> new NewTopic(s.name(), 1, (short) 1).configs(s.creationConfigs()))
                .toList())
        .all()
        .get();
    awaitVisible(names(config).stream().filter(n -> !n.equals(t.dlq())).toList());

    assertThatThrownBy(() -> provision(config))
        .isInstanceOfSatisfying(
            TopicSetupException.class, e -> assertThat(e.reason()).isEqualTo(Reason.MISSING))
        .hasMessage(
            "topic "
                + t.dlq()
                + " does not exist and topics.create=false: create it or set"
                + " topics.create=true");
    assertThat(admin.listTopics().names().get()).doesNotContain(t.dlq());
  }

  @Test
  void anUnreachableBrokerFailsWithinTheTimeout() {
    AppConfig config = config(KafkaTestCluster.unique("nobroker"), true);
    try (Admin nowhere =
        Admin.create(
            Map.of("bootstrap.servers", "127.0.0.1:1", "reconnect.backoff.max.ms", "200"))) {
      TopicProvisioner provisioner =
          new TopicProvisioner(
              nowhere,
              "127.0.0.1:1",
              TopicRequirements.of(config, Map.of()),
              config.topics(),
              stateDir,
              Duration.ofSeconds(2));
      long start = System.nanoTime();

      assertThatThrownBy(provisioner::ensureTopics)
          .isInstanceOfSatisfying(
              TopicSetupException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNREACHABLE))
          .hasMessageStartingWith("couldn't reach Kafka at 127.0.0.1:1");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }
  }
}
