package io.workflowresult.delay.learned;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunTimingReaderTest {

  private static Optional<RunTiming> read(String json) {
    return RunTimingReader.read(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void readsTheTimesOfTheSeedAnswer() {
    RunTiming t =
        read("{\"workflowId\":\"wf-1\",\"workflowVersion\":\"1.0.1\",\"input\":{\"startTime\":1},"
                + "\"output\":{\"news\":[{\"endTime\":2}]},\"workflowExecutionTime\":8347,"
                + "\"status\":\"SUCCEED\",\"startTime\":1758765323024,"
                + "\"endTime\":1758765331373}")
            .orElseThrow();

    assertThat(t.key()).isEqualTo(new WorkflowKey("wf-1", "1.0.1"));
    assertThat(t.startTime()).hasValue(1758765323024L);
    assertThat(t.endTime()).hasValue(1758765331373L);
    assertThat(t.executionMillis()).hasValue(8347);
  }

  @Test
  void withoutExecutionTimeTheRunsOwnTimeIsEndMinusStart() {
    RunTiming t =
        read("{\"workflowId\":\"wf-1\",\"startTime\":1000,\"endTime\":4500}").orElseThrow();

    assertThat(t.executionMillis()).hasValue(3500);
    assertThat(t.key().workflowVersion()).isEmpty();
  }

  @Test
  void timeAfterABaseIsEmptyWhenTheRunEndedBefore() {
    RunTiming t = read("{\"workflowId\":\"wf-1\",\"endTime\":4500}").orElseThrow();

    assertThat(t.millisAfter(1000)).hasValue(3500);
    assertThat(t.millisAfter(5000)).isEmpty();
    assertThat(t.executionMillis()).isEmpty();
  }

  @Test
  void timesOfTheWrongTypeAreLeftOut() {
    RunTiming t =
        read("{\"workflowId\":\"wf-1\",\"startTime\":\"1000\",\"endTime\":4500.5}").orElseThrow();

    assertThat(t.startTime()).isEmpty();
    assertThat(t.endTime()).isEmpty();
  }

  @Test
  void anAnswerWithoutWorkflowIdOrNotAnObjectIsEmpty() {
    assertThat(read("{\"status\":\"SUCCEED\",\"endTime\":1}")).isEmpty();
    assertThat(read("{\"workflowId\":7}")).isEmpty();
    assertThat(read("[1,2]")).isEmpty();
    assertThat(read("{\"workflowId\":")).isEmpty();
  }
}
