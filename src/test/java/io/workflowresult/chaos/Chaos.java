package io.workflowresult.chaos;

import java.time.Duration;
import java.util.Random;

/**
 * How big the chaos scenarios are and where their random moments come from. {@code mvn verify} runs
 * the short version of each scenario; {@code scripts/chaos.sh} passes {@code -Dchaos.full=true} for
 * the whole one. Every random choice (kill moments, bad input order) comes from {@link
 * #random(String)}, seeded by {@code -Dchaos.seed=N} or a fresh seed that each scenario prints, so
 * a failing run can be replayed with that seed.
 */
final class Chaos {
  static final boolean FULL = Boolean.getBoolean("chaos.full");
  static final long SEED = Long.getLong("chaos.seed", System.nanoTime() & 0xffff_ffffL);

  /**
   * Whether a clean restart must re-query no run that already has a result. Off until the
   * resolver's commits carry the offsets completed beyond the committed one; the suite then reports
   * the count instead of failing on it.
   */
  static final boolean ASSERT_NO_REQUERY = Boolean.getBoolean("chaos.assertNoRequery");

  private Chaos() {}

  /**
   * Lets a random moment between {@code min} and {@code max} pass before the next fault. It waits
   * for no result (results are awaited with bounded polling): it is the moment itself that is
   * random, so that faults strike the pipeline in different states from run to run.
   */
  static Duration randomMoment(Random random, Duration min, Duration max) {
    long ms = min.toMillis() + (long) (random.nextDouble() * (max.toMillis() - min.toMillis()));
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return Duration.ofMillis(ms);
  }

  /** {@code full} in the whole suite, {@code short_} in {@code mvn verify}. */
  static int scale(int short_, int full) {
    return FULL ? full : short_;
  }

  /** A random source for {@code scenario}, printed with the seed that replays it. */
  static Random random(String scenario) {
    System.out.println(
        "chaos: scenario "
            + scenario
            + " seed "
            + SEED
            + " (replay: -Dchaos.seed="
            + SEED
            + (FULL ? " -Dchaos.full=true" : "")
            + ")");
    return new Random(SEED ^ scenario.hashCode());
  }
}
