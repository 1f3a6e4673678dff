package io.workflowresult.simulator;

import io.workflowresult.config.Durations;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Derives a {@link SimulatedRun} from a run ID, the seed and the workflow it was started for (if
 * any); pure, so it can be asked anytime. The uniform model draws the run time from {@code
 * --run-time} and queues the run for up to 30% of it; the {@link WorkflowRunTimes} model draws from
 * a stream of its own, so that a run's workflow, fate, cost and tokens are the same in both.
 */
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
  private final Optional<WorkflowRunTimes> workflowRunTimes;

  RunPlanner(
      long seed,
      DurationRange runTime,
      Duration slowDelay,
      Optional<WorkflowRunTimes> workflowRunTimes) {
    this.seed = seed;
    this.runTime = runTime;
    this.slowDelay = slowDelay;
    this.workflowRunTimes = workflowRunTimes;
  }

  SimulatedRun plan(String runId) {
    return plan(runId, Optional.empty());
  }

  /** The run, belonging to {@code assigned} when it was started for that workflow. */
  SimulatedRun plan(String runId, Optional<Workflow> assigned) {
    RunKind kind = RunKind.of(runId);
    SplittableRandom random = new SplittableRandom(Hashes.of(seed, runId));
    Workflow drawn = Workflow.CATALOG.get(random.nextInt(Workflow.CATALOG.size()));
    Workflow workflow = assigned.orElse(drawn);
    boolean succeeds = random.nextDouble() < SUCCEED_SHARE;
    long runTimeMillis = runTime.pickMillis(random.nextLong());
    long pendingMillis = (long) (runTimeMillis * random.nextDouble() * 0.3);
    if (workflowRunTimes.isPresent()) {
      SplittableRandom own = new SplittableRandom(Hashes.then(Hashes.of(seed, runId), 0x10c));
      WorkflowRunTimes model = workflowRunTimes.get();
      pendingMillis = model.pickQueueMillis(own);
      runTimeMillis =
          pendingMillis
              + model.pickExecutionMillis(Workflow.CATALOG.indexOf(workflow), succeeds, own);
    }
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
