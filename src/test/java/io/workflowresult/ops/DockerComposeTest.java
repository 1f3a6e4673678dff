package io.workflowresult.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.workflowresult.config.ConfigLoader;
import io.workflowresult.testing.KafkaTestCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml: the processor configured only through real configuration keys, the broker's
 * data on its volume and of the clients' version, a healthcheck on readiness.
 */
class DockerComposeTest {
  private static final Path COMPOSE = Path.of("docker-compose.yml");

  private static JsonNode compose() throws Exception {
    return new ObjectMapper(new YAMLFactory()).readTree(Files.readString(COMPOSE));
  }

  private static JsonNode service(String name) throws Exception {
    return compose().path("services").path(name);
  }

  private Map<String, String> processorEnvironment() throws Exception {
    JsonNode env = service("processor").path("environment");
    assertThat(env.isObject()).as("services.processor.environment is a mapping").isTrue();
    Map<String, String> vars = new LinkedHashMap<>();
    env.properties().forEach(e -> vars.put(e.getKey(), e.getValue().asText()));
    return vars;
  }

  @Test
  void everyProcessorVariableIsAConfigurationKey() throws Exception {
    Map<String, String> vars = processorEnvironment();
    assertThat(vars).isNotEmpty();
    for (String var : vars.keySet()) {
      assertThat(ConfigurationVariables.isConfiguration(var))
          .as("%s in docker-compose.yml maps to no configuration key", var)
          .isTrue();
    }
  }

  @Test
  void theProcessorEnvironmentIsAValidConfiguration() throws Exception {
    Map<String, String> vars = processorEnvironment();
    assertThat(ConfigLoader.load(Optional.empty(), vars, Map.of()).api().baseUrl())
        .hasToString("http://simulator:8089");
  }

  @Test
  void theBrokerWritesItsLogsToTheMountedVolume() throws Exception {
    JsonNode kafka = service("kafka");
    String logDirs = kafka.path("environment").path("KAFKA_LOG_DIRS").asText("");
    List<String> mounts = new ArrayList<>();
    kafka.path("volumes").forEach(v -> mounts.add(v.asText().replaceFirst("^[^:]+:", "")));
    assertThat(logDirs).as("KAFKA_LOG_DIRS of the kafka service").isNotEmpty();
    assertThat(mounts).as("volume mounts of the kafka service").contains(logDirs);
  }

  @Test
  void theBrokerImageIsTheVersionOfTheClients() throws Exception {
    Matcher version =
        Pattern.compile("<kafka.version>([^<]+)</kafka.version>")
            .matcher(Files.readString(Path.of("pom.xml")));
    assertThat(version.find()).as("kafka.version in pom.xml").isTrue();
    String clients = version.group(1);
    assertThat(service("kafka").path("image").asText()).isEqualTo("apache/kafka:" + clients);
    assertThat(KafkaTestCluster.KAFKA_IMAGE).isEqualTo("apache/kafka:" + clients);
  }

  @Test
  void theProcessorIsHealthyWhenReadyOnItsHttpPort() throws Exception {
    JsonNode healthcheck = service("processor").path("healthcheck");
    String test = healthcheck.path("test").toString();
    assertThat(test)
        .as("processor healthcheck")
        .contains("/dev/tcp/127.0.0.1/" + processorEnvironment().get("HTTP_PORT"))
        .contains("GET /health/ready")
        .contains(" 200 ");
    assertThat(healthcheck.path("start_period").asText()).as("start_period").isNotEmpty();
  }

  @Test
  void theProcessorAndSimulatorShareTheApiKey() throws Exception {
    String command = service("simulator").path("command").toString();
    assertThat(command).contains("\"--api-key\",\"" + processorEnvironment().get("API_KEY") + "\"");
  }
}
