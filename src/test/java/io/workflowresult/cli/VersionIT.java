package io.workflowresult.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The built jar knows its version: in its manifest, and on {@code --version}. */
class VersionIT {
  private static final Path JAR = Path.of("target", "workflow-result-processor.jar");

  private static String projectVersion() throws Exception {
    Matcher m =
        Pattern.compile("<artifactId>workflow-result-processor</artifactId>\\s*<version>([^<]+)<")
            .matcher(Files.readString(Path.of("pom.xml")));
    assertThat(m.find()).as("the project version in pom.xml").isTrue();
    return m.group(1);
  }

  @Test
  void theManifestCarriesTheProjectVersion() throws Exception {
    try (JarFile jar = new JarFile(JAR.toFile())) {
      assertThat(jar.getManifest().getMainAttributes().getValue("Implementation-Version"))
          .isEqualTo(projectVersion());
    }
  }

  @Test
  void versionPrintsIt() throws Exception {
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                JAR.toString(),
                "--version")
            .redirectErrorStream(true)
            .start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("--version returns").isTrue();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).isZero();
    assertThat(out).startsWith("workflow-result-processor " + projectVersion() + "\n");
  }
}
