package io.workflowresult.testing.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.workflowresult.simulator.DurationRange;
import io.workflowresult.simulator.SimulatorOptions;
import io.workflowresult.testing.ServiceProcess;
import io.workflowresult.testing.verify.ExactJson;
import io.workflowresult.testing.verify.GroundTruth;
import io.workflowresult.testing.verify.Verifier;
import io.workflowresult.testing.verify.VerifierReport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The routing paths the mixed load does not take, through the service process: a run whose every
 * query fails ({@code RETRIES_EXHAUSTED}), a run that never finishes ({@code EXPIRED}), a result
 * past {@code api.max-payload-bytes} (published without {@code input}/{@code output}, {@code
 * run.truncated=true}) and an answer past {@code api.max-response-bytes} ({@code RESULT_TOO_LARGE})
 * — among ordinary runs, which must not be affected.
 */
class RoutingPathsEndToEndIT {

  @Test
  void failingNeverEndingAndOversizedRunsEndWithTheirReasons() {
    try (PipelineFixture f =
        PipelineFixture.create(
            "routing",
            SimulatorOptions.builder()
                .runTime(new DurationRange(Duration.ZERO, Duration.ofSeconds(1)))
                .latency(Duration.ofMillis(5)))) {
      f.set("retry.max-attempts", "3")
          .set("poll.max-age", "5s")
          .set("api.max-payload-bytes", "65536")
          .set("api.max-response-bytes", "1048576");
      GroundTruth truth = new GroundTruth();
      // only a SUCCEED run carries its (huge) output; a FAILED one has an empty output
      List<String> truncated = succeeding(f, "huge-512kb", 2);
      try (ServiceProcess service = f.startService();
          Verifier verifier = f.verifier(truth)) {
        f.awaitInputTopic(service, Duration.ofSeconds(60));
        long start = System.nanoTime();

        // Given
        MixedLoadEndToEndIT.ids("run", 30).forEach(id -> f.submit(id, truth));
        MixedLoadEndToEndIT.ids("error", 2).forEach(id -> f.submit(id, truth));
        MixedLoadEndToEndIT.ids("pending", 2).forEach(id -> f.submit(id, truth));
        truncated.forEach(id -> f.submit(id, truth));
        for (String id : succeeding(f, "huge-2mb", 2)) {
          f.send(id.getBytes(StandardCharsets.UTF_8), id);
          truth.deadLetter(id, "RESULT_TOO_LARGE");
        }
        f.flush();

        // When
        verifier.awaitAllResolved(Duration.ofSeconds(60));

        // Then
        VerifierReport report = verifier.verify(f.truthSource().refreshed(truth));
        System.out.println(
            "routing paths resolved in "
                + Duration.ofNanos(System.nanoTime() - start).toMillis()
                + " ms\n"
                + report);
        report.assertAllCorrect();
        report.assertNoResultAndDeadLetter();
        for (String id : truncated) {
          assertThat(verifier.observed().results(id))
              .as("result of %s (over api.max-payload-bytes)", id)
              .allSatisfy(
                  r -> {
                    assertThat(r.headers()).containsEntry("run.truncated", "true");
                    assertThat(ExactJson.parse(r.value()).orElseThrow().has("output")).isFalse();
                    assertThat(r.value().length).isLessThan(65_536);
                  });
        }
        service.assertAlive();
      }
    }
  }

  private static List<String> succeeding(PipelineFixture f, String prefix, int n) {
    return MixedLoadEndToEndIT.ids(prefix, 20).stream()
        .filter(
            id -> f.simulator().simulator().expectedTerminal(id).terminalStatus().equals("SUCCEED"))
        .limit(n)
        .toList();
  }
}
