package io.workflowresult.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CpuSamplesTest {

  @Test
  void interpolatesBetweenTheSamplesAroundAnInstant() {
    CpuSamples cpu = new CpuSamples();
    cpu.add(1_000, 0);
    cpu.add(1_100, 40);
    cpu.add(1_200, 60);

    assertThat(cpu.cpuMsAt(1_050)).isCloseTo(20.0, within(1e-9));
    assertThat(cpu.cpuMsAt(1_150)).isCloseTo(50.0, within(1e-9));
  }

  @Test
  void theWindowLeavesTheStartUpOut() {
    CpuSamples cpu = new CpuSamples();
    cpu.add(0, 0);
    cpu.add(10_000, 8_000); // start-up: 8 s of CPU before the first result
    cpu.add(20_000, 9_000);
    cpu.add(30_000, 10_000);

    assertThat(cpu.cpuMsBetween(10_000, 30_000)).isCloseTo(2_000.0, within(1e-9));
    assertThat(CpuSamples.perRun(cpu.cpuMsBetween(10_000, 30_000), 4_000)).isEqualTo(0.5);
  }

  @Test
  void holdsTheLastSampleAfterItAndTheFirstBeforeIt() {
    CpuSamples cpu = new CpuSamples();
    cpu.add(100, 5);
    cpu.add(200, 9);

    assertThat(cpu.cpuMsAt(50)).isEqualTo(5.0);
    assertThat(cpu.cpuMsAt(500)).isEqualTo(9.0);
  }

  @Test
  void refusesSamplesOutOfTimeOrder() {
    CpuSamples cpu = new CpuSamples();
    cpu.add(200, 1);

    assertThatThrownBy(() -> cpu.add(100, 2)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void perRunNeedsRuns() {
    assertThatThrownBy(() -> CpuSamples.perRun(10, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
