package io.workflowresult.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcFilesTest {

  @Test
  void addsUserAndSystemTicksAsMilliseconds() {
    // fields 14 and 15 (utime, stime) are 250 and 50 ticks; the command name holds spaces and ')'
    String stat =
        "4242 (java (main) x) S 1 4242 4242 0 -1 4194304 1000 0 0 0 250 50 0 0 20 0 40 0 1234"
            + " 5000000 3000 18446744073709551615";

    assertThat(ProcFiles.cpuMs(stat)).isEqualTo(3_000);
  }

  @Test
  void readsPeakAndCurrentResidentSetSize() {
    String status = "Name:\tjava\nVmPeak:\t 9000000 kB\nVmHWM:\t  716800 kB\nVmRSS:\t  512000 kB\n";

    assertThat(ProcFiles.peakRssKb(status)).isEqualTo(716_800);
    assertThat(ProcFiles.rssKb(status)).isEqualTo(512_000);
  }

  @Test
  void readsTheHeapInUseFromJcmd() {
    String heapInfo =
        "4242:\n garbage-first heap   total 262144K, used 53427K [0x0000000700000000,"
            + " 0x0000000800000000)\n  region size 1024K, 3 young (3072K), 0 survivors (0K)\n"
            + " Metaspace       used 61234K, committed 61888K, reserved 1114112K\n";

    assertThat(HeapCase.heapKb(heapInfo)).containsExactly(262_144, 53_427);
  }
}
