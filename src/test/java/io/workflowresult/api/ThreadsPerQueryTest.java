package io.workflowresult.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.workflowresult.config.AppConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The client starts no thread per query. Where {@code ForkJoinPool.commonPool()} has parallelism 1
 * (one or two CPUs), {@code CompletableFuture}'s default async executor starts a thread per task,
 * and JDK 17's {@code HttpClient.sendAsync} hands every completion to it; the live thread count
 * stays flat all the same, so the guard counts threads started, in a JVM that sees two CPUs
 * whatever machine runs the test.
 */
class ThreadsPerQueryTest {
  private static final int QUERIES = 3_000;
  private static final int IN_FLIGHT = 32;
  private static final Pattern LINE =
      Pattern.compile("parallelism=(\\d+) started=(\\d+) terminal=(\\d+)");

  @ParameterizedTest
  @EnumSource(AppConfig.ApiTransport.class)
  void startsNoThreadPerQueryOnATwoCpuMachine(AppConfig.ApiTransport transport) throws Exception {
    Matcher probe = runProbe(transport);

    assertThat(Integer.parseInt(probe.group(1)))
        .as("common pool parallelism in a JVM that sees 2 CPUs")
        .isEqualTo(1);
    assertThat(Integer.parseInt(probe.group(3))).as("terminal answers").isEqualTo(QUERIES);
    assertThat(Long.parseLong(probe.group(2)))
        .as("threads started over %d queries with %d in flight", QUERIES, IN_FLIGHT)
        .isLessThan(2L * IN_FLIGHT);
  }

  private static Matcher runProbe(AppConfig.ApiTransport transport)
      throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process =
        new ProcessBuilder(
                List.of(
                    java.toString(),
                    "-XX:ActiveProcessorCount=2",
                    "-Dsun.net.httpserver.nodelay=true",
                    "-cp",
                    System.getProperty("java.class.path"),
                    ThreadStartProbe.class.getName(),
                    Integer.toString(QUERIES),
                    Integer.toString(IN_FLIGHT),
                    transport.name()))
            .redirectErrorStream(true)
            .start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(3, TimeUnit.MINUTES)).as("the probe finished").isTrue();
    assertThat(process.exitValue()).as("probe exit code; output:%n%s", out).isZero();
    Matcher m = LINE.matcher(out);
    assertThat(m.find()).as("a result line in the probe's output:%n%s", out).isTrue();
    return m;
  }
}
