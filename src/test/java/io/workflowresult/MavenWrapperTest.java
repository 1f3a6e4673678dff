package io.workflowresult;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** ./mvnw runs README's commands with Java alone: pinned, checked, offline first. */
class MavenWrapperTest {

  @Test
  void theWrapperPinsMaven387WithItsChecksum() throws Exception {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(Path.of(".mvn/wrapper/maven-wrapper.properties"))) {
      p.load(r);
    }
    assertThat(p.getProperty("distributionUrl"))
        .endsWith("/apache-maven/3.8.7/apache-maven-3.8.7-bin.zip");
    assertThat(p.getProperty("distributionSha256Sum")).matches("[0-9a-f]{64}");
  }

  @Test
  void theWrapperIsExecutableAndTriesTheLocalRepositoryFirst() throws Exception {
    Path mvnw = Path.of("mvnw");
    assertThat(Files.isExecutable(mvnw)).isTrue();
    String script = Files.readString(mvnw);
    assertThat(script.indexOf("localDistribution=\"${MAVEN_USER_HOME}/repository"))
        .as("the local repository looked at before any download")
        .isNotNegative()
        .isLessThan(script.indexOf("command -v wget"));
  }
}
