package io.workflowresult.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** README's configuration table and config/application.properties document every key. */
class ConfigDocumentationTest {
  private static final Path README = Path.of("README.md");
  private static final Path EXAMPLE = Path.of("config", "application.properties");
  private static final Pattern ROW = Pattern.compile("^\\| `([a-z0-9.\\-]+)` \\| ([^|]*) \\|");
  private static final Pattern COMMENTED_KEY = Pattern.compile("^#\\s*([a-z0-9.\\-]+)=");

  @Test
  void readmeTableHasEveryKeyWithItsDefault() throws IOException {
    Map<String, String> rows = readmeRows();
    for (Map.Entry<String, Optional<String>> key : ConfigKeys.defaults().entrySet()) {
      assertThat(rows)
          .as("README configuration table row for %s", key.getKey())
          .containsKey(key.getKey());
      key.getValue()
          .ifPresent(
              d ->
                  assertThat(rows.get(key.getKey()))
                      .as("README default of %s", key.getKey())
                      .isEqualTo("`" + d + "`"));
    }
  }

  @Test
  void readmeTableHasNoKeyTheCodeLacks() throws IOException {
    assertThat(readmeRows().keySet())
        .as("README rows that ConfigKeys does not know")
        .allMatch(ConfigKeys::isKnown);
  }

  @Test
  void exampleFileHasEveryKeyWithItsDefault() throws IOException {
    Properties example = example();
    List<String> commented =
        Files.readAllLines(EXAMPLE).stream()
            .map(COMMENTED_KEY::matcher)
            .filter(Matcher::find)
            .map(m -> m.group(1))
            .toList();
    for (Map.Entry<String, Optional<String>> key : ConfigKeys.defaults().entrySet()) {
      if (key.getValue().isPresent()) {
        assertThat(example.getProperty(key.getKey()))
            .as("%s in %s", key.getKey(), EXAMPLE)
            .isEqualTo(key.getValue().get());
      } else {
        assertThat(commented)
            .as("commented %s in %s", key.getKey(), EXAMPLE)
            .contains(key.getKey());
      }
    }
  }

  @Test
  void exampleFileLoads() throws IOException {
    AppConfig fromExample =
        ConfigLoader.load(Optional.of(EXAMPLE), Map.of(), Map.of("api.key", "k"));
    assertThat(fromExample).isEqualTo(ConfigLoader.fromMap(Map.of("api.key", "k")));
  }

  private static Properties example() throws IOException {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(EXAMPLE, StandardCharsets.UTF_8)) {
      p.load(r);
    }
    return p;
  }

  /** Key to default column of the rows under README's "## Configuration" heading. */
  private static Map<String, String> readmeRows() throws IOException {
    Map<String, String> rows = new LinkedHashMap<>();
    boolean inSection = false;
    for (String line : Files.readAllLines(README)) {
      if (line.startsWith("## ")) {
        inSection = line.equals("## Configuration");
        continue;
      }
      Matcher m = ROW.matcher(line);
      if (inSection && m.find()) {
        rows.put(m.group(1), m.group(2).trim());
      }
    }
    return rows;
  }
}
