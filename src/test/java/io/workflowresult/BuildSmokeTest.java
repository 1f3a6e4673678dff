package io.workflowresult;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BuildSmokeTest {
  @Test
  void mainClassLoads() throws Exception {
    assertThat(Class.forName("io.workflowresult.cli.Main")).isNotNull();
  }
}
