package io.workflowresult.simulator;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * The realistic run-time model: each workflow's runs take similar times, log-normal around a median
 * of the workflow's own, after an optional time queued. The {@code i}-th workflow of {@link
 * Workflow#CATALOG} (of {@code n}) has the median {@code medians.min + (medians.max - medians.min)
 * × i/(n-1)} and the σ {@code sigmaMin + (sigmaMax - sigmaMin) × i/(n-1)}: with {@code 3s..15s} and
 * {@code 0.15..0.25}, {@code todayNews} runs about 3 s (σ 0.15) and {@code extractInvoice} about 15
 * s (σ 0.25). A {@code FAILED} run fails after a share of its drawn time, uniform in {@code [0.2,
 * 1]}: a run that fails often fails early.
 *
 * @param medians the medians of the first and the last workflow of the catalog
 * @param sigmaMin σ of the log-normal of the first workflow
 * @param sigmaMax σ of the log-normal of the last workflow
 * @param queueTime how long a run is queued ({@code PENDING}, no {@code startTime}) before it runs;
 *     not part of its {@code workflowExecutionTime}
 * @param earliestFailure the least share of its drawn time after which a failed run fails, in
 *     {@code [0, 1]}
 */
public record WorkflowRunTimes(
    DurationRange medians,
    double sigmaMin,
    double sigmaMax,
    DurationRange queueTime,
    double earliestFailure) {

  public WorkflowRunTimes {
    if (!(earliestFailure >= 0 && earliestFailure <= 1)) {
      throw new IllegalArgumentException(
          "the earliest failure must be a share within 0..1, got " + earliestFailure);
    }
    if (medians.min().isZero()) {
      throw new IllegalArgumentException("workflow medians must be above 0, got " + medians);
    }
    if (!(sigmaMin >= 0 && sigmaMax >= sigmaMin && sigmaMax <= 3)) {
      throw new IllegalArgumentException(
          "workflow sigma must be a range within 0..3, got " + sigmaMin + ".." + sigmaMax);
    }
  }

  /** Parses the σ range {@code 0.15..0.25}, or one value. */
  public static double[] parseSigma(String text) {
    try {
      int dots = text.indexOf("..");
      if (dots < 0) {
        double one = Double.parseDouble(text.trim());
        return new double[] {one, one};
      }
      return new double[] {
        Double.parseDouble(text.substring(0, dots).trim()),
        Double.parseDouble(text.substring(dots + 2).trim())
      };
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a sigma range (use e.g. 0.15..0.25 or 0.2)");
    }
  }

  /** The median run time of the catalog's {@code index}-th workflow. */
  public Duration median(int index) {
    long min = medians.min().toMillis();
    return Duration.ofMillis(min + Math.round((medians.max().toMillis() - min) * share(index)));
  }

  /** σ of the log-normal of the catalog's {@code index}-th workflow. */
  public double sigma(int index) {
    return sigmaMin + (sigmaMax - sigmaMin) * share(index);
  }

  /** A run's execution time (startTime → endTime) in milliseconds, at least 1. */
  long pickExecutionMillis(int workflowIndex, boolean succeeds, RandomGenerator random) {
    double drawn =
        median(workflowIndex).toMillis() * Math.exp(sigma(workflowIndex) * random.nextGaussian());
    double share = earliestFailure + (1 - earliestFailure) * random.nextDouble();
    return Math.max(1, Math.round(succeeds ? drawn : drawn * share));
  }

  /** How long a run is queued, in milliseconds. */
  long pickQueueMillis(RandomGenerator random) {
    return queueTime.pickMillis(random.nextLong());
  }

  private static double share(int index) {
    int last = Workflow.CATALOG.size() - 1;
    return last == 0 ? 0 : (double) index / last;
  }

  @Override
  public String toString() {
    return "lognormal(medians "
        + medians
        + ", sigma "
        + sigmaMin
        + ".."
        + sigmaMax
        + ", queued "
        + queueTime
        + ", failed runs after "
        + earliestFailure
        + "-1 of their time)";
  }
}
