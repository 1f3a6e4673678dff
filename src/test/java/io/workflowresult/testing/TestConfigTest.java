package io.workflowresult.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.workflowresult.config.AppConfig;
import io.workflowresult.config.ConfigException;
import io.workflowresult.config.ConfigLoader;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TestConfigTest {

  @Test
  void withNothingSetItIsTheReadersDefaultsWithTheKeyFromTheEnvironment() {
    AppConfig config = TestConfig.defaults().build();

    assertThat(config)
        .isEqualTo(ConfigLoader.load(Optional.empty(), Map.of(), Map.of("api.key", "test-key")));
    assertThat(TestConfig.defaults().environment())
        .containsExactly(Map.entry("API_KEY", "test-key"));
    assertThat(TestConfig.defaults().settings()).isEmpty();
  }

  @Test
  void namesTheSixTopicsAfterThePrefixInPlaceOfWorkflow() {
    AppConfig.Topics t = TestConfig.defaults().topics("t").build().topics();

    assertThat(
            new String[] {
              t.input(), t.delay(), t.results(), t.dlq(), t.costTotals(), t.costWindows()
            })
        .containsExactly(
            "t-runs", "t-runs-delay", "t-results", "t-runs-dlq", "t-cost-totals", "t-cost-windows");
  }

  @Test
  void aSettingIsValidatedAsAtStartUp() {
    assertThatThrownBy(() -> TestConfig.defaults().set("query.max-in-flight", "0").build())
        .isInstanceOfSatisfying(
            ConfigException.class, e -> assertThat(e.key()).isEqualTo("query.max-in-flight"));
  }

  @Test
  void aCopyChangesWithoutChangingTheOriginal() {
    TestConfig original = TestConfig.defaults().apiKey("k1").set("poll.max-delay", "5s");

    TestConfig copy = original.copy().set("poll.max-delay", "7s").apiKey("k2");

    assertThat(original.settings()).containsExactly(Map.entry("poll.max-delay", "5s"));
    assertThat(original.build().api().key().reveal()).isEqualTo("k1");
    assertThat(copy.build().api().key().reveal()).isEqualTo("k2");
    assertThat(copy.settings()).containsExactly(Map.entry("poll.max-delay", "7s"));
  }
}
