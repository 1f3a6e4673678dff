package io.workflowresult.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The Dockerfile: pinned base images, a build that fails loudly, memory that fits its limit. */
class DockerfileTest {
  private static final Pattern PINNED = Pattern.compile("[a-z0-9./-]+:\\d+\\.\\d+\\.\\d+[\\w.-]*");

  private static List<String> lines() throws Exception {
    return Files.readAllLines(Path.of("Dockerfile"));
  }

  @Test
  void baseImagesArePinnedToFullVersions() throws Exception {
    List<String> images =
        lines().stream().filter(l -> l.startsWith("FROM ")).map(l -> l.split("\\s+")[1]).toList();
    assertThat(images).hasSize(2).allMatch(i -> PINNED.matcher(i).matches(), "pinned x.y.z tag");
  }

  @Test
  void noBuildStepHidesItsFailure() throws Exception {
    assertThat(String.join("\n", lines())).doesNotContain("|| true").doesNotContain("; true");
  }

  @Test
  void imageRunsWithTheJvmOptionsTheScriptsUse() throws Exception {
    List<String> options =
        Files.readAllLines(Path.of("config/jvm.options")).stream()
            .map(String::strip)
            .filter(l -> !l.isEmpty() && !l.startsWith("#"))
            .toList();
    String dockerfile = String.join("\n", lines());

    assertThat(options).isNotEmpty();
    assertThat(MemoryBudget.javaToolOptions(dockerfile).split("\\s+"))
        .contains(options.toArray(String[]::new));
  }

  @Test
  void heapRocksDbAndTheRestFitTheSmallestContainerReadmeNames() throws Exception {
    long oneGiB = 1L << 30;
    assertThat(Files.readString(Path.of("README.md"))).contains("at least 1 GiB");
    assertThat(MemoryBudget.ofDockerfile().needed(oneGiB, MemoryBudget.defaultRocksDb()))
        .as("heap + aggregate.rocksdb.memory + native areas in a 1 GiB container")
        .isLessThanOrEqualTo(oneGiB);
  }
}
