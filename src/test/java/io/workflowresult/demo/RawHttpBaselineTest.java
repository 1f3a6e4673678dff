package io.workflowresult.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.workflowresult.config.AppConfig;
import io.workflowresult.simulator.SimulatorOptions;
import io.workflowresult.simulator.SimulatorServer;
import io.workflowresult.testing.TestConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RawHttpBaselineTest {

  @Test
  void sendsEveryRequestOnceWithAtMostTheGivenNumberInFlight() throws Exception {
    try (SimulatorServer api =
        SimulatorServer.start(
            SimulatorOptions.builder()
                .apiKey("k")
                .runTime(Duration.ZERO)
                .latency(Duration.ofMillis(5))
                .build())) {
      AppConfig config =
          TestConfig.defaults().set("api.base-url", api.baseUrl()).apiKey("k").build();

      RawHttpBaseline.Measurement m = RawHttpBaseline.measure(config.api(), 300, 8, "base");

      assertThat(m.allTerminal()).as(m.line()).isTrue();
      assertThat(m.answers()).containsExactly(Map.entry("terminal", 300L));
      assertThat(api.stats().requests()).isEqualTo(300);
      assertThat(api.stats().maxInFlight()).isBetween(2L, 8L);
      assertThat(m.perSecond()).isPositive();
      assertThat(m.line()).startsWith("raw HTTP: 300 requests, 8 in flight, ");
    }
  }

  @Test
  void aRefusedKeyIsReportedAsSuch() throws Exception {
    try (SimulatorServer api =
        SimulatorServer.start(
            SimulatorOptions.builder().apiKey("k").runTime(Duration.ZERO).build())) {
      AppConfig config =
          TestConfig.defaults().set("api.base-url", api.baseUrl()).apiKey("wrong").build();

      RawHttpBaseline.Measurement m = RawHttpBaseline.measure(config.api(), 10, 2, "base");

      assertThat(m.allTerminal()).isFalse();
      assertThat(m.answers()).containsExactly(Map.entry("unauthorized", 10L));
    }
  }
}
