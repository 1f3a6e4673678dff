package io.workflowresult.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The service as a child process: {@code java -jar target/workflow-result-processor.jar run --set
 * k=v ...}, stdout and stderr to files under {@code target/it-logs/}. {@link #kill9()} sends
 * SIGKILL ({@link Process#destroyForcibly()} on Linux), {@link #terminate(Duration)} SIGTERM
 * ({@link Process#destroy()}). Every wait is bounded. The jar exists in failsafe's integration-test
 * phase, after {@code package}.
 */
public final class ServiceProcess implements AutoCloseable {
  public static final Path JAR = Path.of("target", "workflow-result-processor.jar");
  private static final Path LOGS = Path.of("target", "it-logs");
  private static final Duration KILL_WAIT = Duration.ofSeconds(15);

  private final String name;
  private final Process process;
  private final Path stdout;
  private final Path stderr;
  private final long startedNanos = System.nanoTime();
  private final Map<String, String> settings;

  private ServiceProcess(
      String name, Process process, Path stdout, Path stderr, Map<String, String> settings) {
    this.name = name;
    this.process = process;
    this.stdout = stdout;
    this.stderr = stderr;
    this.settings = Map.copyOf(settings);
  }

  /**
   * Starts {@code run} with every setting as {@code --set key=value}, and {@code env} added to the
   * environment (for secrets such as {@code API_KEY}, which must stay out of the command line).
   *
   * @param name a file-name-safe label; logs go to {@code target/it-logs/<name>.out|.err}
   */
  public static ServiceProcess run(
      String name, Map<String, String> settings, Map<String, String> env, String... extraArgs) {
    List<String> args = new ArrayList<>(List.of("run"));
    settings.forEach((k, v) -> args.addAll(List.of("--set", k + "=" + v)));
    args.addAll(List.of(extraArgs));
    return start(name, args, env, settings);
  }

  /** Starts the jar with any arguments (e.g. {@code simulate --port 0}). */
  public static ServiceProcess start(String name, List<String> args, Map<String, String> env) {
    return start(name, args, env, Map.of());
  }

  private static ServiceProcess start(
      String name, List<String> args, Map<String, String> env, Map<String, String> settings) {
    if (!Files.isRegularFile(JAR)) {
      throw new IllegalStateException(
          JAR.toAbsolutePath() + " is missing: process tests run after `mvn package`");
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // small and quick to start: the machine is shared, and these JVMs live for seconds
    command.addAll(
        List.of(
            "-Xmx384m",
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-Djava.io.tmpdir=target",
            "-jar",
            JAR.toString()));
    command.addAll(args);
    try {
      Files.createDirectories(LOGS);
      Path out = LOGS.resolve(name + ".out");
      Path err = LOGS.resolve(name + ".err");
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
      builder.environment().putAll(env);
      return new ServiceProcess(name, builder.start(), out, err, settings);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command, e);
    }
  }

  /** The {@code --set} settings it was started with (empty for {@link #start}). */
  public Map<String, String> settings() {
    return settings;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** SIGKILL, then waits (bounded) until the process is gone. */
  public void kill9() {
    process.destroyForcibly();
    awaitExit(KILL_WAIT, "after SIGKILL");
  }

  /**
   * SIGTERM, then waits at most {@code timeout} for the process to exit.
   *
   * @return the exit code and how long the exit took
   * @throws AssertionError when it is still running after {@code timeout} (it is then killed)
   */
  public Exit terminate(Duration timeout) {
    long start = System.nanoTime();
    process.destroy();
    try {
      int code = process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS).exitValue();
      return new Exit(code, Duration.ofNanos(System.nanoTime() - start));
    } catch (TimeoutException e) {
      process.destroyForcibly();
      throw new AssertionError(
          "expected "
              + name
              + " to exit within "
              + timeout
              + " of SIGTERM, got still running\n"
              + tail(40));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e);
    }
  }

  /** How a process ended. */
  public record Exit(int code, Duration took) {}

  /** Waits until the process has exited on its own; fails with its log tail otherwise. */
  public int awaitExit(Duration timeout, String when) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError(
            "expected " + name + " to exit " + when + " within " + timeout + ", got still running");
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Fails (with the log tail) when the process has died. */
  public void assertAlive() {
    if (!process.isAlive()) {
      throw new AssertionError(
          "expected "
              + name
              + " to be running, got exit code "
              + process.exitValue()
              + " after "
              + Duration.ofNanos(System.nanoTime() - startedNanos).toMillis()
              + " ms\n"
              + tail(60));
    }
  }

  /** Waits until stdout or stderr has a line matching {@code regex}; fails if the process dies. */
  public void awaitOutput(String regex, Duration timeout) {
    Pattern pattern = Pattern.compile(regex);
    try {
      await()
          .atMost(timeout)
          .pollInterval(Duration.ofMillis(200))
          .until(
              () -> {
                if (pattern.matcher(output()).find()) {
                  return true;
                }
                assertAlive();
                return false;
              });
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(
          "expected " + name + " to log /" + regex + "/ within " + timeout + ", got\n" + tail(40),
          e);
    }
  }

  /** Everything written to stdout and stderr so far. */
  public String output() {
    return read(stdout) + read(stderr);
  }

  /** The last {@code lines} lines of stdout and of stderr, for failure messages. */
  public String tail(int lines) {
    return "--- "
        + stdout
        + " ---\n"
        + lastLines(read(stdout), lines)
        + "--- "
        + stderr
        + " ---\n"
        + lastLines(read(stderr), lines);
  }

  private static String lastLines(String text, int lines) {
    String[] all = text.split("\n", -1);
    int from = Math.max(0, all.length - lines - 1);
    return String.join("\n", java.util.Arrays.asList(all).subList(from, all.length));
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? new String(Files.readAllBytes(file), StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "(cannot read " + file + ": " + e.getMessage() + ")";
    }
  }

  @Override
  public String toString() {
    return name;
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
