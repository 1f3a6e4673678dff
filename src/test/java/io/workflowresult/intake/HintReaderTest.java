package io.workflowresult.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.workflowresult.delay.learned.RunHints;
import io.workflowresult.kafka.Json;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HintReaderTest {
  private final List<String> ignored = new ArrayList<>();

  private RunHints read(String json) throws Exception {
    return HintReader.read(Json.MAPPER.readTree(json), ignored::add);
  }

  @Test
  void readsAWorkflowIdAndAStartTime() throws Exception {
    RunHints hints =
        read("{\"workflowRunId\":\"r-1\",\"workflowId\":\"wf-1\",\"startTime\":1767225600000}");

    assertThat(hints.workflowId()).hasValue("wf-1");
    assertThat(hints.startTime()).hasValue(1767225600000L);
    assertThat(ignored).isEmpty();
  }

  @Test
  void missingOrNullHintsAreAbsentAndNotCounted() throws Exception {
    assertThat(read("{\"workflowRunId\":\"r-1\"}")).isEqualTo(RunHints.NONE);
    assertThat(read("{\"workflowRunId\":\"r-1\",\"workflowId\":null,\"startTime\":null}"))
        .isEqualTo(RunHints.NONE);
    assertThat(ignored).isEmpty();
  }

  @Test
  void hintsOfTheWrongTypeAreIgnoredAndCounted() throws Exception {
    RunHints hints =
        read("{\"workflowRunId\":\"r-1\",\"workflowId\":42,\"startTime\":\"1767225600000\"}");
    RunHints fractional =
        read("{\"workflowRunId\":\"r-1\",\"workflowId\":\" \",\"startTime\":1.5}");
    RunHints huge =
        read("{\"workflowRunId\":\"r-1\",\"startTime\":123456789012345678901234567890}");

    assertThat(hints).isEqualTo(RunHints.NONE);
    assertThat(fractional).isEqualTo(RunHints.NONE);
    assertThat(huge).isEqualTo(RunHints.NONE);
    assertThat(ignored)
        .containsExactly("workflowId", "startTime", "workflowId", "startTime", "startTime");
  }
}
