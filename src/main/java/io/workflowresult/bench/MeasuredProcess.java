package io.workflowresult.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The service under test as a child process: started with its own command line (so that another
 * build's jar can be benched), its CPU time sampled every {@link #SAMPLE_MS} ms from {@code /proc}
 * on a thread of its own, stopped with SIGTERM (SIGKILL after a minute).
 */
final class MeasuredProcess implements AutoCloseable {
  static final long SAMPLE_MS = 100;

  private final Process process;
  private final CpuSamples cpu = new CpuSamples();
  private final long startedAtMs;
  private final Thread sampler;

  private MeasuredProcess(Process process, long startedAtMs) {
    this.process = process;
    this.startedAtMs = startedAtMs;
    this.sampler = new Thread(this::sample, "cpu-sampler");
    // the service must not outlive the harness, also when the harness is stopped by a signal
    Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "stop-service"));
    sampler.setDaemon(true);
    sampler.start();
  }

  static MeasuredProcess start(List<String> command, Path log) throws IOException {
    if (command.isEmpty()) {
      throw new IllegalArgumentException("no service command after --");
    }
    long startedAt = System.currentTimeMillis();
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .start();
    return new MeasuredProcess(process, startedAt);
  }

  long pid() {
    return process.pid();
  }

  long startedAtMs() {
    return startedAtMs;
  }

  CpuSamples cpu() {
    return cpu;
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Peak resident set size so far, MB. */
  long peakRssMb() throws IOException {
    return ProcFiles.peakRssKb(ProcFiles.status(pid())) / 1024;
  }

  private void sample() {
    cpu.add(startedAtMs, 0);
    while (process.isAlive()) {
      try {
        long now = System.currentTimeMillis();
        cpu.add(now, ProcFiles.cpuMs(pid()));
        Thread.sleep(SAMPLE_MS); // a sampling period, not a wait for a result
      } catch (IOException e) {
        return; // the process is gone
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  @Override
  public void close() {
    sampler.interrupt();
    process.destroy();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
