package io.workflowresult.testing.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.workflowresult.simulator.DurationRange;
import io.workflowresult.simulator.SimulatorOptions;
import io.workflowresult.testing.Http;
import io.workflowresult.testing.ServiceProcess;
import io.workflowresult.testing.verify.GroundTruth;
import io.workflowresult.testing.verify.ObservedOutputs;
import io.workflowresult.testing.verify.Verifier;
import io.workflowresult.testing.verify.VerifierReport;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The API refuses the service's key (as after a rotation on the provider's side), then accepts it
 * again, through the service process: {@code /health/ready} is 503 with the reason meanwhile,
 * nothing is dead-lettered, and every run resolves once the key works.
 */
class RefusedKeyEndToEndIT {
  private static final int RUNS = 40;

  @Test
  void notReadyWithTheReasonWhileTheKeyIsRefusedThenEverythingResolves() throws Exception {
    try (PipelineFixture f =
        PipelineFixture.create(
            "refused-key",
            SimulatorOptions.builder()
                .runTime(new DurationRange(Duration.ZERO, Duration.ofSeconds(1)))
                .latency(Duration.ofMillis(2)))) {
      f.set("api.auth-retry-interval", "1s");
      f.simulator().simulator().acceptKey("a-key-the-service-does-not-have");
      GroundTruth truth = new GroundTruth();
      try (ServiceProcess service = f.startService();
          Verifier verifier = f.verifier(truth)) {
        int port = Integer.parseInt(service.settings().get("http.port"));
        f.awaitInputTopic(service, Duration.ofSeconds(60));
        service.awaitOutput("started; waiting for SIGTERM", Duration.ofSeconds(60));

        // Given runs submitted while the API refuses the key
        MixedLoadEndToEndIT.ids("run", RUNS).forEach(id -> f.submit(id, truth));
        f.flush();

        // Then not ready, with the reason, and nothing written
        await("/health/ready 503 with the key's reason")
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(200))
            .until(
                () -> {
                  service.assertAlive();
                  Http.Response r = Http.get(port, "/health/ready");
                  return r.status() == 503 && r.body().contains("UNAUTHORIZED");
                });
        Http.Response notReady = Http.get(port, "/health/ready");
        System.out.println("while the key is refused: " + notReady.body());
        assertThat(notReady.body()).contains("\"apiKey\"").contains("HTTP 401");
        assertThat(Http.get(port, "/metrics").body()).contains("wrp_ready 0.0");
        verifier.verify(); // reads what the topics hold now
        ObservedOutputs meanwhile = verifier.observed();
        assertThat(meanwhile.deadLetters()).as("dead letters while refused").isEmpty();
        assertThat(meanwhile.resultsByRun()).as("results while refused").isEmpty();

        // When the key works again
        f.simulator().simulator().acceptKey(PipelineFixture.API_KEY);

        // Then ready, and every run resolved, none dead-lettered
        verifier.awaitAllResolved(Duration.ofSeconds(60));
        await("/health/ready 200")
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(200))
            .until(() -> Http.get(port, "/health/ready").status() == 200);
        VerifierReport report = verifier.verify(f.truthSource().refreshed(truth));
        System.out.println(report);
        report.assertAllCorrect();
        assertThat(verifier.observed().deadLetters()).as("dead letters").isEmpty();
      }
    }
  }
}
