package io.workflowresult.topics;

import io.workflowresult.config.AppConfig;
import io.workflowresult.config.KafkaClientSettings;
import io.workflowresult.topics.TopicSetupException.Reason;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure the service's topics exist and are fit for use before anything reads or writes them:
 * creates the missing ones ({@code topics.create}) with {@link TopicRequirements}' policies, checks
 * every one ({@link TopicCheck}), and stops start-up with one line ({@link TopicSetupException})
 * when one is missing or wrong. Safe to run from several instances at once: a topic another
 * instance just created is checked like any existing one. Never changes an existing topic, its
 * partition count least of all; the results topic's count is recorded in {@code state.dir} and a
 * later change stops start-up ({@link PartitionCountRecord}).
 */
public final class TopicProvisioner {
  /** Upper bound on the whole check-and-create at start-up. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  private static final Logger log = LoggerFactory.getLogger(TopicProvisioner.class);
  private static final long VISIBILITY_BACKOFF_MS = 100;

  private final Admin admin;
  private final String bootstrapServers;
  private final List<TopicSpec> specs;
  private final AppConfig.Topics settings;
  private final Duration timeout;
  private final PartitionCountRecord partitionCounts;

  public TopicProvisioner(
      Admin admin,
      String bootstrapServers,
      List<TopicSpec> specs,
      AppConfig.Topics settings,
      Path stateDir,
      Duration timeout) {
    this.admin = admin;
    this.bootstrapServers = bootstrapServers;
    this.specs = List.copyOf(specs);
    this.settings = settings;
    this.timeout = timeout;
    this.partitionCounts = new PartitionCountRecord(stateDir);
  }

  /** A provisioner for the configured topics, using the given Admin and producer settings. */
  public static TopicProvisioner of(
      Admin admin, AppConfig config, Map<String, ?> producerSettings) {
    return new TopicProvisioner(
        admin,
        config.kafka().bootstrapServers(),
        TopicRequirements.of(config, producerSettings),
        config.topics(),
        config.stateDir(),
        DEFAULT_TIMEOUT);
  }

  /** Start-up wiring: an Admin from the configuration, closed before returning. */
  public static ProvisionedTopics provision(AppConfig config) {
    try (Admin admin = Admin.create(KafkaClientSettings.admin(config))) {
      return provision(config, admin);
    }
  }

  /** Start-up wiring with the caller's Admin (one client less to start). */
  public static ProvisionedTopics provision(AppConfig config, Admin admin) {
    return of(admin, config, KafkaClientSettings.producer(config, config.appId() + "-topics"))
        .ensureTopics();
  }

  /**
   * Creates what is missing, checks everything.
   *
   * @throws TopicSetupException when a topic is missing and may not be created, is wrong, or Kafka
   *     does not answer within the timeout
   */
  public ProvisionedTopics ensureTopics() {
    BoundedAdmin bounded =
        new BoundedAdmin(admin, bootstrapServers, System.nanoTime() + timeout.toNanos());
    List<String> names = specs.stream().map(TopicSpec::name).toList();
    Map<String, TopicDescription> existing = bounded.describe(names);
    List<TopicSpec> missing = specs.stream().filter(s -> !existing.containsKey(s.name())).toList();
    List<String> created = List.of();
    if (!missing.isEmpty()) {
      refuseIfCreationDisabled(missing);
      created = bounded.create(missing.stream().map(this::newTopic).toList());
      created.forEach(name -> log.info("created topic {} {}", name, describe(spec(name))));
    }
    Visible visible = awaitVisible(bounded, names, missing.isEmpty() ? existing : Map.of());
    Map<String, Integer> partitions = new HashMap<>();
    visible.descriptions.forEach((name, d) -> partitions.put(name, d.partitions().size()));
    for (TopicSpec spec : specs) {
      checkedOrThrow(spec, visible.configs.get(spec.name()));
      if (spec.partitionCountFixed()) {
        partitionCounts.recordOrCheck(spec.name(), partitions.get(spec.name()));
        log.info(
            "topic {} has {} partitions; never change this count (it would split the copies of a"
                + " run across partitions)",
            spec.name(),
            partitions.get(spec.name()));
      }
    }
    return new ProvisionedTopics(partitions, new HashSet<>(created));
  }

  private record Visible(Map<String, TopicDescription> descriptions, Map<String, Config> configs) {
    Optional<String> firstAbsent(List<String> names) {
      return names.stream()
          .filter(n -> !descriptions.containsKey(n) || !configs.containsKey(n))
          .findFirst();
    }
  }

  /** Descriptions and configs of all topics, waiting (bounded) for new ones to show up. */
  private Visible awaitVisible(
      BoundedAdmin bounded, List<String> names, Map<String, TopicDescription> known) {
    Visible visible =
        new Visible(known.isEmpty() ? bounded.describe(names) : known, bounded.configs(names));
    Optional<String> absent = visible.firstAbsent(names);
    while (absent.isPresent()) {
      if (bounded.expired()) {
        throw new TopicSetupException(
            Reason.UNREACHABLE,
            absent.get(),
            "topic "
                + absent.get()
                + " was created but is not visible after "
                + timeout.toSeconds()
                + "s");
      }
      pause(); // a new topic reaches every broker's metadata a moment after creation
      visible = new Visible(bounded.describe(names), bounded.configs(names));
      absent = visible.firstAbsent(names);
    }
    return visible;
  }

  private void checkedOrThrow(TopicSpec spec, Config config) {
    Optional<String> problem = TopicCheck.problem(spec, config);
    if (problem.isPresent()) {
      throw new TopicSetupException(Reason.MISCONFIGURED, spec.name(), problem.get());
    }
    log.debug("topic {} checked: {}", spec.name(), config);
  }

  private void refuseIfCreationDisabled(List<TopicSpec> missing) {
    if (settings.create()) {
      return;
    }
    String names = missing.stream().map(TopicSpec::name).collect(Collectors.joining(", "));
    throw new TopicSetupException(
        Reason.MISSING,
        missing.get(0).name(),
        (missing.size() == 1
                ? "topic " + names + " does not exist"
                : "topics " + names + " do not exist")
            + " and topics.create=false: create "
            + (missing.size() == 1 ? "it" : "them")
            + " or set topics.create=true");
  }

  private NewTopic newTopic(TopicSpec spec) {
    Optional<Integer> partitions =
        settings.partitions() > 0 ? Optional.of(settings.partitions()) : Optional.empty();
    Optional<Short> replicationFactor =
        settings.replicationFactor() > 0
            ? Optional.of(settings.replicationFactor())
            : Optional.empty();
    return new NewTopic(spec.name(), partitions, replicationFactor).configs(spec.creationConfigs());
  }

  private String describe(TopicSpec spec) {
    return "(partitions "
        + (settings.partitions() > 0 ? settings.partitions() : "broker default")
        + ", replication factor "
        + (settings.replicationFactor() > 0 ? settings.replicationFactor() : "broker default")
        + ", "
        + spec.creationConfigs()
        + ")";
  }

  private TopicSpec spec(String name) {
    return specs.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
  }

  private static void pause() {
    try {
      Thread.sleep(VISIBILITY_BACKOFF_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TopicSetupException(
          Reason.UNREACHABLE, null, "interrupted while waiting for new topics to show up");
    }
  }
}
