package io.workflowresult.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.workflowresult.config.ConfigKeys;
import io.workflowresult.config.ConfigLoader;
import io.workflowresult.config.KafkaPassthrough;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** docker-compose.yml configures the processor only through real configuration keys. */
class DockerComposeTest {
  private static final Path COMPOSE = Path.of("docker-compose.yml");

  private Map<String, String> processorEnvironment() throws Exception {
    JsonNode compose = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(COMPOSE));
    JsonNode env = compose.path("services").path("processor").path("environment");
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
      boolean ownKey = ConfigKeys.names().stream().anyMatch(k -> ConfigKeys.envName(k).equals(var));
      boolean kafkaSetting = !KafkaPassthrough.fromEnvironment(Map.of(var, "x")).isEmpty();
      assertThat(ownKey || kafkaSetting)
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
  void theProcessorAndSimulatorShareTheApiKey() throws Exception {
    JsonNode compose = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(COMPOSE));
    String command = compose.path("services").path("simulator").path("command").toString();
    assertThat(command).contains("\"--api-key\",\"" + processorEnvironment().get("API_KEY") + "\"");
  }
}
