package io.workflowresult.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboard and the Prometheus alert rules name only metrics the service exports (a
 * rename would otherwise leave panels empty and alerts silent), and cover what README promises.
 */
class DashboardAndRulesTest {
  private static final Path DASHBOARD = Path.of("deploy/grafana/workflow-result-processor.json");
  private static final Path RULES = Path.of("deploy/prometheus/alerts.yml");
  private static final Pattern METRIC =
      Pattern.compile("\\b((?:wrp|jvm|process|system|kafka)_[a-zA-Z0-9_]+)\\b(?!\\s*\\()");
  private static final Pattern QUOTED = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
  private static Set<String> exported;

  @BeforeAll
  static void scrape() throws Exception {
    exported = ExportedMetrics.scrape().series();
  }

  private static List<String> dashboardExpressions() throws Exception {
    List<String> exprs = new ArrayList<>();
    new ObjectMapper()
        .readTree(DASHBOARD.toFile())
        .findValues("expr")
        .forEach(e -> exprs.add(e.asText()));
    return exprs;
  }

  private static JsonNode rules() throws Exception {
    return new ObjectMapper(new YAMLFactory()).readTree(RULES.toFile());
  }

  private static Set<String> metricsOf(List<String> expressions) {
    Set<String> names = new TreeSet<>();
    for (String expr : expressions) {
      Matcher m = METRIC.matcher(QUOTED.matcher(expr).replaceAll("\"\""));
      while (m.find()) {
        names.add(m.group(1));
      }
    }
    return names;
  }

  @Test
  void theDashboardNamesOnlyExportedMetrics() throws Exception {
    Set<String> named = metricsOf(dashboardExpressions());
    assertThat(named).isNotEmpty();
    assertThat(exported).as("metrics the service exports").containsAll(named);
  }

  @Test
  void theAlertRulesNameOnlyExportedMetrics() throws Exception {
    List<String> exprs = new ArrayList<>();
    rules().findValues("expr").forEach(e -> exprs.add(e.asText()));
    Set<String> named = metricsOf(exprs);
    assertThat(named).isNotEmpty();
    assertThat(exported).as("metrics the service exports").containsAll(named);
  }

  @Test
  void theDashboardAnswersTheFourQuestions() throws Exception {
    List<String> rows = new ArrayList<>();
    new ObjectMapper()
        .readTree(DASHBOARD.toFile())
        .path("panels")
        .forEach(
            p -> {
              if (p.path("type").asText().equals("row")) {
                rows.add(p.path("title").asText());
              }
            });
    assertThat(rows)
        .containsExactly(
            "Is it keeping up?",
            "Is the API healthy and within quota?",
            "What does it cost?",
            "Is anything dead-lettered?");
  }

  @Test
  void theDashboardShowsLatenessTheScheduleInUseAndTheWorkflowsLearned() throws Exception {
    Set<String> named = metricsOf(dashboardExpressions());

    assertThat(named)
        .contains(
            "wrp_result_lateness_seconds_bucket",
            "wrp_results_by_schedule_total",
            "wrp_learned_workflows");
  }

  @Test
  void everyAlertReadmeNamesHasARule() throws Exception {
    Set<String> alerts = new TreeSet<>();
    rules().findValues("alert").forEach(a -> alerts.add(a.asText()));
    String readme = Files.readString(Path.of("README.md"));
    Matcher named = Pattern.compile("\\| `(Wrp[A-Za-z]+)` \\|").matcher(readme);
    Set<String> documented = new TreeSet<>();
    while (named.find()) {
      documented.add(named.group(1));
    }
    assertThat(documented).as("alerts in README's table").isEqualTo(alerts);
  }
}
