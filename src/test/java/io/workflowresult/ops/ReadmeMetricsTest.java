package io.workflowresult.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** README's metrics tables against what {@code /metrics} really exports. */
class ReadmeMetricsTest {
  private static final Pattern ROW = Pattern.compile("^\\| `(wrp_[a-z0-9_]+)[`{]");
  private static final Pattern RENAME =
      Pattern.compile("^\\| `(wrp_[a-z0-9_]+)[^|]*\\| `(wrp_[a-z0-9_]+)[^|]*\\|");
  private static ExportedMetrics exported;

  @BeforeAll
  static void scrape() throws Exception {
    exported = ExportedMetrics.scrape();
  }

  private static String section(String heading) throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    int start = readme.indexOf("\n" + heading + "\n");
    assertThat(start).as("README section %s", heading).isNotNegative();
    int end = readme.indexOf("\n#", start + heading.length() + 2);
    return readme.substring(start, end < 0 ? readme.length() : end);
  }

  @Test
  void readmeListsExactlyTheMetricsTheServiceExports() throws Exception {
    Set<String> documented = new TreeSet<>();
    section("### Metrics")
        .lines()
        .map(ROW::matcher)
        .filter(Matcher::find)
        .forEach(m -> documented.add(m.group(1)));
    assertThat(documented).isEqualTo(exported.ownFamilies());
  }

  @Test
  void everyRenameLeadsFromANameNoLongerExportedToOneThatIs() throws Exception {
    Map<String, String> renames = new LinkedHashMap<>();
    section("#### Renamed metrics")
        .lines()
        .map(RENAME::matcher)
        .filter(Matcher::find)
        .forEach(m -> renames.put(m.group(1), m.group(2)));
    assertThat(renames).isNotEmpty();
    renames.forEach(
        (old, now) -> {
          assertThat(exported.families()).as("new name %s", now).contains(now);
          if (!old.equals(now)) {
            assertThat(exported.families()).as("old name %s", old).doesNotContain(old);
          }
        });
  }
}
