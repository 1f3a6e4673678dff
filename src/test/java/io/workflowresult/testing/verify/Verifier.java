package io.workflowresult.testing.verify;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Reads the results and dead-letter topics (and, when given, the cost totals) with {@code
 * read_committed} from the beginning, and compares them with the {@link GroundTruth}: see {@link
 * VerifierReport}. Reading is incremental, so polling with {@link #awaitAllResolved(Duration)}
 * stays cheap.
 *
 * <pre>{@code
 * try (Verifier verifier = Verifier.builder(bootstrap).results(r).deadLetters(d).truth(truth)
 *     .stats(simulator::stats).build()) {
 *   verifier.awaitAllResolved(Duration.ofSeconds(30));
 *   VerifierReport report = verifier.verify();
 *   report.assertAllCorrect();
 * }
 * }</pre>
 */
public final class Verifier implements AutoCloseable {
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(20);

  private volatile GroundTruth truth;
  private final ObservedOutputs observed = new ObservedOutputs();
  private final OutputReader reader;
  private final Supplier<Optional<RequestStats>> stats;
  private final boolean costs;

  private Verifier(Builder b) {
    this.truth = b.truth;
    this.stats = b.stats;
    this.costs = b.costTotals != null;
    Map<String, Consumer<OutputRecord>> sinks = new HashMap<>();
    sinks.put(b.results, observed::addResult);
    sinks.put(b.deadLetters, observed::addDeadLetter);
    if (costs) {
      sinks.put(b.costTotals, observed::addCostTotal);
    }
    if (b.costWindows != null) {
      sinks.put(b.costWindows, observed::addCostWindow);
    }
    this.reader = new OutputReader(b.bootstrap, sinks);
  }

  public static Builder builder(String bootstrapServers) {
    return new Builder(bootstrapServers);
  }

  /** Reads what is committed so far and compares it with the ground truth. */
  public VerifierReport verify() {
    reader.catchUp(READ_TIMEOUT);
    return compare();
  }

  /**
   * Replaces the ground truth with {@code finalTruth} (e.g. the simulator's truth read again once
   * every run has its times), then reads and compares as {@link #verify()}.
   */
  public VerifierReport verify(GroundTruth finalTruth) {
    this.truth = finalTruth;
    return verify();
  }

  /** The submissions that have neither a result nor a dead letter yet (after reading). */
  public List<String> unresolved() {
    return verify().lost();
  }

  /**
   * Waits, with bounded polling, until every submission has a result or a dead letter.
   *
   * @throws AssertionError naming the missing IDs when {@code timeout} passes first
   */
  public VerifierReport awaitAllResolved(Duration timeout) {
    return awaitReport(
        timeout,
        r -> r.lost().isEmpty(),
        r ->
            "expected all "
                + truth.distinct()
                + " submissions resolved within "
                + timeout
                + ", got "
                + r.resolved()
                + "; missing "
                + r.lost().size()
                + ": "
                + r.lost().subList(0, Math.min(30, r.lost().size())));
  }

  /** Waits until at least {@code count} submissions are resolved (e.g. to kill mid-stream). */
  public VerifierReport awaitResolvedAtLeast(int count, Duration timeout) {
    return awaitReport(
        timeout,
        r -> r.resolved() >= count,
        r ->
            "expected at least " + count + " resolved within " + timeout + ", got " + r.resolved());
  }

  /**
   * Waits until the latest cost totals equal the exact sums from the ground truth.
   *
   * @throws AssertionError listing the differences when {@code timeout} passes first
   */
  public VerifierReport awaitCostTotalsExact(Duration timeout) {
    if (!costs) {
      throw new IllegalStateException("no cost-totals topic given to the Verifier");
    }
    return awaitReport(
        timeout,
        r -> r.costMismatches().isEmpty(),
        r -> "expected exact cost totals within " + timeout + ", got " + r.costMismatches());
  }

  public ObservedOutputs observed() {
    return observed;
  }

  public GroundTruth truth() {
    return truth;
  }

  private VerifierReport awaitReport(
      Duration timeout,
      java.util.function.Predicate<VerifierReport> done,
      java.util.function.Function<VerifierReport, String> failure) {
    VerifierReport[] last = new VerifierReport[1];
    try {
      await()
          .atMost(timeout)
          .pollInSameThread()
          .pollInterval(Duration.ofMillis(250))
          .until(
              () -> {
                last[0] = verify();
                return done.test(last[0]);
              });
      return last[0];
    } catch (ConditionTimeoutException e) {
      VerifierReport r = last[0] != null ? last[0] : compare();
      throw new AssertionError(failure.apply(r) + "\n" + r, e);
    }
  }

  private VerifierReport compare() {
    return OutcomeComparison.compare(truth, observed, stats.get(), costs);
  }

  @Override
  public void close() {
    reader.close();
  }

  /** Topics and sources of a {@link Verifier}. */
  public static final class Builder {
    private final String bootstrap;
    private String results = "workflow-results";
    private String deadLetters = "workflow-runs-dlq";
    private String costTotals;
    private String costWindows;
    private GroundTruth truth = new GroundTruth();
    private Supplier<Optional<RequestStats>> stats = Optional::empty;

    private Builder(String bootstrap) {
      this.bootstrap = bootstrap;
    }

    public Builder results(String topic) {
      this.results = topic;
      return this;
    }

    public Builder deadLetters(String topic) {
      this.deadLetters = topic;
      return this;
    }

    /** Also compare the latest {@code workflow-cost-totals} per workflow. */
    public Builder costTotals(String topic) {
      this.costTotals = topic;
      return this;
    }

    /**
     * Also compare the latest {@code workflow-cost-windows} per window: with the cost totals, each
     * workflow's windows must add up to its exact totals (a run counted twice in a window, or in
     * two windows, shows).
     */
    public Builder costWindows(String topic) {
      this.costWindows = topic;
      return this;
    }

    public Builder truth(GroundTruth truth) {
      this.truth = truth;
      return this;
    }

    /** Where the simulator's {@code /stats} come from, read at each comparison. */
    public Builder stats(Supplier<RequestStats> source) {
      this.stats = () -> Optional.ofNullable(source.get());
      return this;
    }

    public Verifier build() {
      if (Set.of(results, deadLetters).size() != 2) {
        throw new IllegalArgumentException("results and dead-letter topics must differ");
      }
      return new Verifier(this);
    }
  }
}
