package io.workflowresult.ops;

import io.workflowresult.config.ConfigKeys;
import io.workflowresult.config.KafkaPassthrough;
import java.util.Map;

/** Which environment variables the service reads as configuration (README "Configuration"). */
final class ConfigurationVariables {
  private ConfigurationVariables() {}

  /** {@code var} is the variable of a configuration key or of a real Kafka client setting. */
  static boolean isConfiguration(String var) {
    boolean ownKey = ConfigKeys.names().stream().anyMatch(k -> ConfigKeys.envName(k).equals(var));
    return ownKey || !KafkaPassthrough.fromEnvironment(Map.of(var, "x")).isEmpty();
  }
}
