package io.workflowresult.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.workflowresult.simulator.SimulatorOptions;
import io.workflowresult.testing.ServiceProcess;
import io.workflowresult.testing.e2e.PipelineFixture;
import io.workflowresult.testing.verify.GroundTruth;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A copied {@code state.dir} (a disk snapshot, a cloned VM) gives two running instances one
 * identity: the one the broker fences stops with one line that says so (exit code 2), a restart of
 * it stops the same way instead of fencing the other in turn, and the other keeps working.
 */
class CopiedStateDirIT {
  private static final String LINE = "error: another running instance uses the identity ";

  @Test
  void theFencedCopyStopsWithOneLineAndStaysStopped() {
    try (PipelineFixture f = PipelineFixture.create("copied", SimulatorOptions.builder())) {
      Path original = Path.of("target", "it-state", f.settings().get("app.id") + "-original");
      Path copy = Path.of("target", "it-state", f.settings().get("app.id") + "-copy");
      int originalPort = Ports.free();
      int copyPort = Ports.free();
      ServiceProbe copyProbe = new ServiceProbe(copyPort);
      GroundTruth truth = new GroundTruth();
      try (ServiceProcess first = f.startService(settings(original, originalPort))) {
        f.awaitInputTopic(first, Duration.ofSeconds(90));
        first.awaitOutput("cost aggregator state RUNNING", Duration.ofSeconds(90));
        copyTree(original, copy);

        // When: the copy starts while the original runs
        try (ServiceProcess second = f.startService(settings(copy, copyPort))) {
          // Then: the original is fenced and says so
          int code = first.awaitExit(Duration.ofSeconds(90), "after its identity was taken over");
          assertThat(code).as("exit code\n%s", first.tail(20)).isEqualTo(2);
          assertThat(first.output()).contains(LINE);
          // and a restart of it does not fence the copy back
          try (ServiceProcess again = f.startService(settings(original, originalPort))) {
            assertThat(again.awaitExit(Duration.ofSeconds(60), "on a taken-over identity"))
                .isEqualTo(2);
            assertThat(again.output()).contains(LINE).contains("instance.fenced");
          }
          // and the copy still works
          f.submit("after-copy-1", truth);
          f.flush();
          try (var verifier = f.verifier(truth)) {
            verifier.awaitAllResolved(Duration.ofSeconds(60)).assertNothingLost();
          }
          second.assertAlive();
          assertThat(copyProbe.notReady()).contains(java.util.Set.of());
        }
      }
    }
  }

  private static Map<String, String> settings(Path stateDir, int port) {
    return Map.of("state.dir", stateDir.toString(), "http.port", Integer.toString(port));
  }

  private static void copyTree(Path from, Path to) {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
