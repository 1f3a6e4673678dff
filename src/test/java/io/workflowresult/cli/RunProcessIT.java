package io.workflowresult.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.workflowresult.testing.KafkaTestCluster;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The packaged jar's {@code run}: SIGTERM stops it cleanly with exit code 0. */
class RunProcessIT {
  private static final Path JAR = Path.of("target", "workflow-result-processor.jar");

  @Test
  void sigtermStopsRunWithExitCodeZero() throws Exception {
    assertThat(JAR).as("the shaded jar (built in package)").exists();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process =
        new ProcessBuilder(
                java,
                "-jar",
                JAR.toString(),
                "run",
                "--set",
                "api.key=x",
                "--set",
                "kafka.bootstrap.servers=" + KafkaTestCluster.bootstrapServers(),
                "--set",
                "app.id=" + KafkaTestCluster.unique("run-process"),
                "--set",
                "state.dir=" + Files.createTempDirectory("run-process-state"))
            .redirectErrorStream(true)
            .start();
    List<String> output = new CopyOnWriteArrayList<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                r.lines().forEach(output::add);
              } catch (java.io.IOException e) {
                // the process ended
              }
            },
            "run-process-output");
    reader.setDaemon(true);
    reader.start();
    try {
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () ->
                  assertThat(String.join("\n", output))
                      .as("run's output so far (process alive: %s)", process.isAlive())
                      .contains("waiting for SIGTERM"));

      // SIGTERM; Process.destroy() would also close our end of its output
      process.toHandle().destroy();

      assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("stopped within 60 s").isTrue();
      reader.join(10_000); // the rest of its output
      assertThat(process.exitValue()).as(String.join("\n", output)).isZero();
      assertThat(String.join("\n", output)).contains("stopping", "stopped");
    } finally {
      process.destroyForcibly();
    }
  }
}
