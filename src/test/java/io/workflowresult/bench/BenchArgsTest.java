package io.workflowresult.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class BenchArgsTest {

  @Test
  void readsOptionsAndTheCommandAfterTheDoubleDash() {
    BenchArgs args =
        BenchArgs.parse(List.of("--runs", "30", "--name", "c64", "--", "java", "-jar", "x.jar"));

    assertThat(args.integer("runs")).isEqualTo(30);
    assertThat(args.text("name")).isEqualTo("c64");
    assertThat(args.integer("partitions", 6)).isEqualTo(6);
    assertThat(args.command()).containsExactly("java", "-jar", "x.jar");
  }

  @Test
  void aMissingOptionIsNamed() {
    assertThatThrownBy(() -> BenchArgs.parse(List.of()).text("bootstrap"))
        .hasMessage("missing --bootstrap");
  }
}
