package io.workflowresult.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.workflowresult.config.ConfigKeys;
import io.workflowresult.config.ConfigLoader;
import io.workflowresult.config.Durations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** deploy/kubernetes: what a StatefulSet of the service needs, checked against the service. */
class KubernetesManifestsTest {
  /** What {@code run} grants itself beyond {@code shutdown.timeout} to close (RunCommand). */
  private static final Duration CLOSE_MARGIN = Duration.ofSeconds(10);

  private static final List<JsonNode> DOCUMENTS = new ArrayList<>();

  @BeforeAll
  static void read() throws Exception {
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    try (Stream<Path> files = Files.list(Path.of("deploy", "kubernetes"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        try (MappingIterator<JsonNode> docs =
            yaml.readerFor(JsonNode.class).readValues(file.toFile())) {
          docs.forEachRemaining(DOCUMENTS::add);
        }
      }
    }
  }

  private static JsonNode kind(String kind) {
    return DOCUMENTS.stream()
        .filter(d -> d.path("kind").asText().equals(kind))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " in deploy/kubernetes"));
  }

  private static JsonNode container() {
    return kind("StatefulSet").path("spec").path("template").path("spec").path("containers").get(0);
  }

  /** Name to value of the variables with a plain value. */
  private static Map<String, String> env() {
    Map<String, String> vars = new LinkedHashMap<>();
    container()
        .path("env")
        .forEach(v -> vars.put(v.path("name").asText(), v.path("value").asText(null)));
    return vars;
  }

  @Test
  void everyVariableIsAConfigurationKeyOrOnlyBuildsOne() {
    Map<String, String> vars = env();
    assertThat(vars).isNotEmpty();
    for (String var : vars.keySet()) {
      boolean buildsAnother =
          vars.values().stream().anyMatch(v -> v != null && v.contains("$(" + var + ")"));
      assertThat(ConfigurationVariables.isConfiguration(var) || buildsAnother)
          .as("%s in the StatefulSet maps to no configuration key", var)
          .isTrue();
    }
  }

  @Test
  void theEnvironmentIsAValidConfiguration() {
    Map<String, String> vars = new LinkedHashMap<>(env());
    vars.remove("POD_NAME");
    vars.put("HTTP_ADVERTISED_HOST", "wrp-0.headless");
    vars.remove("API_KEY_FILE");
    vars.put("API_KEY", "k");
    assertThat(ConfigLoader.load(Optional.empty(), vars, Map.of()).http().port()).isEqualTo(8080);
  }

  @Test
  void theShutdownChoiceIsSetInTheManifestAndKeepsTheMembershipForRollouts() {
    Map<String, String> vars = new LinkedHashMap<>(env());
    assertThat(vars).containsKey("SHUTDOWN_LEAVE_GROUP");
    vars.remove("POD_NAME");
    vars.put("HTTP_ADVERTISED_HOST", "wrp-0.headless");
    vars.remove("API_KEY_FILE");
    vars.put("API_KEY", "k");
    assertThat(
            ConfigLoader.load(Optional.empty(), vars, Map.of()).instance().leaveGroupOnShutdown())
        .as("SHUTDOWN_LEAVE_GROUP in the StatefulSet: a rollout keeps the membership")
        .isFalse();
  }

  @Test
  void podsAdvertiseTheirStableNameInTheHeadlessService() {
    JsonNode statefulSet = kind("StatefulSet");
    String serviceName = statefulSet.path("spec").path("serviceName").asText();
    JsonNode headless =
        DOCUMENTS.stream()
            .filter(d -> d.path("metadata").path("name").asText().equals(serviceName))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no service " + serviceName));
    assertThat(headless.path("spec").path("clusterIP").asText()).isEqualTo("None");
    assertThat(env().get("HTTP_ADVERTISED_HOST")).isEqualTo("$(POD_NAME)." + serviceName);
  }

  @Test
  void stateDirLivesOnThePodsOwnVolume() {
    String volume =
        kind("StatefulSet")
            .path("spec")
            .path("volumeClaimTemplates")
            .get(0)
            .path("metadata")
            .path("name")
            .asText();
    List<String> mounts = new ArrayList<>();
    container()
        .path("volumeMounts")
        .forEach(
            m -> {
              if (m.path("name").asText().equals(volume)) {
                mounts.add(m.path("mountPath").asText());
              }
            });
    assertThat(mounts).containsExactly(env().get("STATE_DIR"));
  }

  @Test
  void probesWatchTheHealthEndpoints() {
    JsonNode c = container();
    assertThat(c.path("startupProbe").path("httpGet").path("path").asText())
        .isEqualTo("/health/live");
    assertThat(c.path("livenessProbe").path("httpGet").path("path").asText())
        .isEqualTo("/health/live");
    assertThat(c.path("readinessProbe").path("httpGet").path("path").asText())
        .isEqualTo("/health/ready");
  }

  @Test
  void theGracePeriodOutlastsTheShutdown() {
    Duration shutdown =
        Durations.parse(
                Optional.ofNullable(env().get("SHUTDOWN_TIMEOUT"))
                    .orElse(ConfigKeys.DEFAULT_SHUTDOWN_TIMEOUT))
            .orElseThrow();
    long grace =
        kind("StatefulSet")
            .path("spec")
            .path("template")
            .path("spec")
            .path("terminationGracePeriodSeconds")
            .asLong();
    assertThat(Duration.ofSeconds(grace)).isGreaterThan(shutdown.plus(CLOSE_MARGIN));
  }

  @Test
  void theMemoryLimitHoldsHeapRocksDbAndTheRest() throws Exception {
    JsonNode resources = container().path("resources");
    long limit = MemoryBudget.kubernetes(resources.path("limits").path("memory").asText());
    long rocksDb =
        MemoryBudget.size(
            Optional.ofNullable(env().get("AGGREGATE_ROCKSDB_MEMORY"))
                .orElse(ConfigKeys.DEFAULT_AGGREGATE_ROCKSDB_MEMORY));
    assertThat(MemoryBudget.ofDockerfile().needed(limit, rocksDb)).isLessThanOrEqualTo(limit);
    assertThat(resources.path("requests").path("memory").asText())
        .isEqualTo(resources.path("limits").path("memory").asText());
  }

  @Test
  void disruptionsTakeOneInstanceAtATime() {
    JsonNode budget = kind("PodDisruptionBudget").path("spec");
    assertThat(budget.path("maxUnavailable").asInt()).isEqualTo(1);
    assertThat(budget.path("selector").path("matchLabels"))
        .isEqualTo(
            kind("StatefulSet").path("spec").path("template").path("metadata").path("labels"));
  }
}
