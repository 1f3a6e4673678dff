package io.workflowresult.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.workflowresult.config.AppConfig;
import io.workflowresult.config.ConfigException;
import io.workflowresult.config.ConfigLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.streams.errors.StreamsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstanceIdentityTest {
  @TempDir Path stateDir;

  private AppConfig config(String... keyValues) {
    Map<String, String> m = new HashMap<>();
    m.put("api.key", "k");
    m.put("state.dir", stateDir.toString());
    for (int i = 0; i < keyValues.length; i += 2) {
      m.put(keyValues[i], keyValues[i + 1]);
    }
    return ConfigLoader.fromMap(m);
  }

  @Test
  void theFirstStartCreatesAnIdentityThatLaterStartsKeep() throws IOException {
    String first = InstanceIdentity.resolve(config()).instance().id().orElseThrow();
    String second = InstanceIdentity.resolve(config()).instance().id().orElseThrow();

    assertThat(first).matches("wrp-[0-9a-f]{12}").isEqualTo(second);
    assertThat(Files.readString(stateDir.resolve("instance.id")).trim()).isEqualTo(first);
  }

  @Test
  void instanceIdOverridesTheKeptIdentity() {
    InstanceIdentity.resolve(config());

    assertThat(InstanceIdentity.resolve(config("instance.id", "pod-7")).instance().id())
        .contains("pod-7");
  }

  @Test
  void anUnreadableIdentityFileStopsStartUpNamingStateDir() throws IOException {
    Files.writeString(stateDir.resolve("instance.id"), "not an id!\n");

    assertThatThrownBy(() -> InstanceIdentity.resolve(config()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("instance.id must hold this instance's identity")
        .satisfies(e -> assertThat(((ConfigException) e).key()).isEqualTo("state.dir"));
  }

  @Test
  void aFencedMembershipIsRecognisedInsideAnyCause() {
    Throwable streams = new StreamsException(new FencedInstanceIdException("fenced"));

    assertThat(InstanceIdentity.takenOver(streams))
        .hasValueSatisfying(line -> assertThat(InstanceIdentity.isTakenOver(line)).isTrue());
    assertThat(InstanceIdentity.takenOver(new TimeoutException("slow"))).isEmpty();
  }

  @Test
  void anIdentityTakenOverStaysRefusedAtTheNextStart() {
    String id = InstanceIdentity.resolve(config()).instance().id().orElseThrow();
    InstanceIdentity.recordTakenOver(stateDir, id, "fenced by the broker: x");

    assertThatThrownBy(() -> InstanceIdentity.resolve(config()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(InstanceIdentity.takenOverLine(id))
        .hasMessageContaining("instance.fenced")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void aNewIdentityStartsDespiteTheRecordOfTheOldOne() {
    String id = InstanceIdentity.resolve(config()).instance().id().orElseThrow();
    InstanceIdentity.recordTakenOver(stateDir, id, "fenced by the broker: x");

    assertThat(InstanceIdentity.resolve(config("instance.id", "pod-8")).instance().id())
        .contains("pod-8");
  }
}
