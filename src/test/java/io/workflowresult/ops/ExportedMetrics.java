package io.workflowresult.ops;

import io.workflowresult.deadletter.DeadLetterReason;
import io.workflowresult.testing.Http;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the service really exports on {@code /metrics}: an {@link Operations} as {@code run} builds
 * it, with every meter given a value (so that the ones shown only once they have one appear too),
 * scraped over HTTP. The source of truth for README's metrics table, the dashboard and the alert
 * rules.
 */
final class ExportedMetrics {
  private static final Pattern TYPE = Pattern.compile("^# TYPE (\\S+) (\\S+)$");
  private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]");

  /** The exposition text, Prometheus text format 0.0.4. */
  final String text;

  private ExportedMetrics(String text) {
    this.text = text;
  }

  static ExportedMetrics scrape() throws Exception {
    try (Operations ops = new Operations(Clock.systemUTC())) {
      PipelineMeters meters = ops.meters();
      meters.query("terminal");
      meters.result(Duration.ofSeconds(3));
      meters.deadLetter(DeadLetterReason.EXPIRED);
      meters.intake(true);
      meters.coalesced(1);
      meters.oldestFirstSeen(Clock.systemUTC().millis() - 1_000);
      meters.rateLimitRemaining(10);
      meters.requestsPerResolvedRun(1.5);
      meters.consumerLag(Map.of(List.of("wrp-intake", "workflow-runs"), 3L));
      meters.api().request("terminal", Duration.ofMillis(20));
      ops.aggregateMetrics();
      int port = ops.serve(0, Optional.empty());
      return new ExportedMetrics(Http.get(port, "/metrics").body());
    }
  }

  /** Metric family names ({@code # TYPE} lines), e.g. {@code wrp_run_resolution_seconds}. */
  Set<String> families() {
    Set<String> names = new TreeSet<>();
    text.lines().map(TYPE::matcher).filter(Matcher::matches).forEach(m -> names.add(m.group(1)));
    return names;
  }

  /** Series names a query can name, e.g. {@code wrp_run_resolution_seconds_bucket}. */
  Set<String> series() {
    Set<String> names = new TreeSet<>();
    text.lines()
        .filter(l -> !l.startsWith("#"))
        .map(SAMPLE::matcher)
        .filter(Matcher::find)
        .forEach(m -> names.add(m.group(1)));
    return names;
  }

  /**
   * The service's own families: {@code wrp_*}, without the {@code _max} gauge Micrometer adds to
   * each histogram (README names it with its histogram).
   */
  Set<String> ownFamilies() {
    Set<String> own = new TreeSet<>(families());
    own.removeIf(n -> !n.startsWith("wrp_"));
    own.removeIf(n -> n.endsWith("_max") && own.contains(n.substring(0, n.length() - 4)));
    return own;
  }
}
