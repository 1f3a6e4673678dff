package io.workflowresult.chaos;

import static org.awaitility.Awaitility.await;

import io.workflowresult.testing.ServiceProcess;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Times one restart from the moment the new process was started: its resolver's (and intake's)
 * partitions back, its aggregator {@code RUNNING}, the first result published after the restart,
 * and {@code /costs} current again (counting every run that had a result when that first new result
 * arrived).
 */
final class RestartClock {
  /** What one restart took, in milliseconds from the start of the new process; -1: not seen. */
  record Recovery(
      String how,
      long partitionsBackMs,
      long aggregatorRunningMs,
      long firstResultMs,
      long costsMs) {

    long worstMs() {
      return Math.max(
          Math.max(partitionsBackMs, aggregatorRunningMs), Math.max(firstResultMs, costsMs));
    }

    @Override
    public String toString() {
      return String.format(
          "%s: resolver partitions back %s, aggregator RUNNING %s, first new result %s,"
              + " /costs current %s",
          how, s(partitionsBackMs), s(aggregatorRunningMs), s(firstResultMs), s(costsMs));
    }

    static String s(long ms) {
      return ms < 0 ? "not within the wait" : String.format("%.1f s", ms / 1000.0);
    }
  }

  private RestartClock() {}

  static Recovery measure(
      String how,
      ServiceProcess service,
      long startedNanos,
      ServiceProbe probe,
      ResultsWatch results,
      Duration max) {
    long recordsAtStart = results.records();
    long[] t = {-1, -1, -1, -1};
    int[] costsTarget = {-1};
    try {
      await(how + ": the restarted service recovered")
          .atMost(max)
          .pollInterval(Duration.ofMillis(100))
          .pollInSameThread()
          .until(
              () -> {
                service.assertAlive();
                long now = System.nanoTime();
                results.poll();
                Optional<Set<String>> notReady = probe.notReady();
                if (notReady.isPresent()) {
                  Set<String> reasons = notReady.get();
                  if (t[0] < 0 && !reasons.contains("resolver") && !reasons.contains("intake")) {
                    t[0] = now;
                  }
                  if (t[1] < 0 && !reasons.contains("aggregator")) {
                    t[1] = now;
                  }
                }
                if (t[2] < 0 && results.records() > recordsAtStart) {
                  t[2] = results.lastArrivalNanos();
                  costsTarget[0] = results.distinctRuns();
                }
                if (t[2] >= 0 && t[3] < 0) {
                  Optional<Long> counted = probe.countedRuns();
                  if (counted.isPresent() && counted.get() >= costsTarget[0]) {
                    t[3] = System.nanoTime();
                  }
                }
                return t[0] >= 0 && t[1] >= 0 && t[2] >= 0 && t[3] >= 0;
              });
    } catch (ConditionTimeoutException e) {
      // reported as "not within the wait"
    }
    return new Recovery(
        how,
        ms(t[0], startedNanos),
        ms(t[1], startedNanos),
        ms(t[2], startedNanos),
        ms(t[3], startedNanos));
  }

  private static long ms(long at, long from) {
    return at < 0 ? -1 : Duration.ofNanos(at - from).toMillis();
  }
}
