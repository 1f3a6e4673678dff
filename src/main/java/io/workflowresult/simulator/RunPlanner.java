package io.workflowresult.simulator;

import io.workflowresult.config.Durations;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Derives a {@link SimulatedRun} from a run ID and the seed; pure, so it can be asked anytime. */
final class RunPlanner {
  static final double SUCCEED_SHARE = 0.85;
  static final int DEFAULT_HUGE_BYTES = 2 * 1024 * 1024;
  static final int MAX_HUGE_BYTES = 256 * 1024 * 1024;

  private static final Pattern SIZE = Pattern.compile("(\\d+)(b|kb|mb)(?:-.*)?");
  private static final Pattern COUNT = Pattern.compile("(\\d{1,6})-.*");
  static final int DEFAULT_FLAKY_REFUSALS = 2;
  static final int DEFAULT_LATE_REFUSALS = 1;
  private static final Pattern DELAY = Pattern.compile("(\\d+(?:ms|s|m|h))(?:-.*)?");
  private static final List<String> INPUTS =
      List.of("News", "Sports", "Technology", "Weather", "Markets", "Waikīkī traffic");

  private final long seed;
  private final DurationRange runTime;
  private final Duration slowDelay;

  RunPlanner(long seed, DurationRange runTime, Duration slowDelay) {
    this.seed = seed;
    this.runTime = runTime;
    this.slowDelay = slowDelay;
  }

  SimulatedRun plan(String runId) {
    RunKind kind = RunKind.of(runId);
    SplittableRandom random = new SplittableRandom(Hashes.of(seed, runId));
    Workflow workflow = Workflow.CATALOG.get(random.nextInt(Workflow.CATALOG.size()));
    boolean succeeds = random.nextDouble() < SUCCEED_SHARE;
    long runTimeMillis = runTime.pickMillis(random.nextLong());
    long pendingMillis = (long) (runTimeMillis * random.nextDouble() * 0.3);
    BigDecimal cost =
        BigDecimal.valueOf(succeeds ? random.nextLong(1, 20_000) : random.nextLong(0, 5_000), 4);
    long tokens = random.nextLong(50, 8_000);
    String input = INPUTS.get(random.nextInt(INPUTS.size()));
    String terminal =
        kind == RunKind.WEIRD
            ? SimulatedRun.CANCELLED
            : succeeds ? SimulatedRun.SUCCEED : SimulatedRun.FAILED;
    return new SimulatedRun(
        runId,
        kind,
        workflow,
        terminal,
        cost,
        tokens,
        kind == RunKind.WEIRD ? 0 : pendingMillis,
        kind == RunKind.WEIRD ? 0 : runTimeMillis,
        input,
        kind == RunKind.HUGE ? hugeBytes(kind.suffixOf(runId)) : 0,
        kind == RunKind.SLOW ? slowDelay(kind.suffixOf(runId)) : Duration.ZERO,
        refusals(kind, kind.suffixOf(runId)));
  }

  private static int hugeBytes(String suffix) {
    Matcher m = SIZE.matcher(suffix);
    if (!m.matches()) {
      return DEFAULT_HUGE_BYTES;
    }
    long unit = "mb".equals(m.group(2)) ? 1024 * 1024 : "kb".equals(m.group(2)) ? 1024 : 1;
    try {
      return (int) Math.min(MAX_HUGE_BYTES, Math.multiplyExact(Long.parseLong(m.group(1)), unit));
    } catch (ArithmeticException | NumberFormatException e) {
      return MAX_HUGE_BYTES;
    }
  }

  private static int refusals(RunKind kind, String suffix) {
    if (kind != RunKind.FLAKY && kind != RunKind.LATE) {
      return 0;
    }
    Matcher m = COUNT.matcher(suffix);
    if (m.matches()) {
      return Integer.parseInt(m.group(1));
    }
    return kind == RunKind.FLAKY ? DEFAULT_FLAKY_REFUSALS : DEFAULT_LATE_REFUSALS;
  }

  private Duration slowDelay(String suffix) {
    Matcher m = DELAY.matcher(suffix);
    return m.matches() ? Durations.require(m.group(1)) : slowDelay;
  }
}
