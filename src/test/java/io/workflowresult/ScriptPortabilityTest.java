package io.workflowresult;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The scripts README offers run on Linux and on macOS (bash 3.2, BSD tools): none uses a command or
 * form that only GNU or Linux has, except behind a check that falls back — or, for a script that
 * cannot do without Linux (the benchmark reads process CPU from {@code /proc}), one that says
 * "Linux only" in its header and stops at once elsewhere with one line saying what it misses.
 */
class ScriptPortabilityTest {
  /** What is missing on macOS, and what to use instead. */
  private static final Map<Pattern, String> LINUX_ONLY =
      Map.of(
          Pattern.compile("(^|[\\s(|;])tac\\b"), "tac (GNU): reverse with awk",
          Pattern.compile("(^|[\\s(|;])flock\\b"), "flock (util-linux): lock with mkdir",
          Pattern.compile("/proc/"), "/proc (Linux): ask ps",
          Pattern.compile("(^|[\\s(|;])nproc\\b"), "nproc (GNU): getconf _NPROCESSORS_ONLN",
          Pattern.compile("readlink -f|sed -i|stat -c"), "GNU options of readlink/sed/stat",
          Pattern.compile("declare -A|mapfile|readarray|\\$\\{[A-Za-z_]+(,,|\\^\\^)"),
              "bash 4 only (macOS has bash 3.2)",
          Pattern.compile("date \\+%s%N"), "date +%N (GNU) without a fallback: now_ms",
          Pattern.compile("(^|[\\s(|;])setsid nohup"), "setsid (util-linux) without a fallback");

  @Test
  void scriptsUseNothingOnlyLinuxHas() throws Exception {
    List<String> found = new ArrayList<>();
    try (Stream<Path> scripts = Files.list(Path.of("scripts"))) {
      for (Path script : scripts.filter(p -> p.toString().endsWith(".sh")).sorted().toList()) {
        List<String> lines = Files.readAllLines(script);
        if (isLinuxOnly(lines)) {
          assertThat(lines)
              .as("%s says it is Linux only: it must stop elsewhere with one line", script)
              .anyMatch(l -> l.contains("\"$(uname -s)\" = Linux ] ||") && l.contains("exit 1"));
          continue;
        }
        for (int i = 0; i < lines.size(); i++) {
          String line = lines.get(i).strip();
          if (line.startsWith("#")) {
            continue;
          }
          for (Map.Entry<Pattern, String> rule : LINUX_ONLY.entrySet()) {
            if (rule.getKey().matcher(line).find()) {
              found.add(script + ":" + (i + 1) + " " + rule.getValue() + ": " + line);
            }
          }
        }
      }
    }
    assertThat(found).isEmpty();
  }

  private static boolean isLinuxOnly(List<String> lines) {
    return lines.subList(0, Math.min(15, lines.size())).stream()
        .anyMatch(l -> l.startsWith("# Linux only:"));
  }

  @Test
  void everyScriptSaysWhatItNeeds() throws Exception {
    try (Stream<Path> scripts = Files.list(Path.of("scripts"))) {
      for (Path script : scripts.filter(p -> p.toString().endsWith(".sh")).toList()) {
        List<String> lines = Files.readAllLines(script);
        String head = String.join("\n", lines.subList(0, Math.min(15, lines.size())));
        assertThat(head)
            .as("%s names the systems it runs on", script)
            .containsPattern("bash 3.2|kafka-local.sh");
      }
    }
  }
}
