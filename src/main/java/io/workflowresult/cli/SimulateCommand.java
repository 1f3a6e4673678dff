package io.workflowresult.cli;

import io.workflowresult.config.Durations;
import io.workflowresult.simulator.DurationRange;
import io.workflowresult.simulator.RateLimitSpec;
import io.workflowresult.simulator.SimulatorOptions;
import io.workflowresult.simulator.SimulatorServer;
import io.workflowresult.simulator.WorkflowRunTimes;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The {@code simulate} command: serves the simulated API until stopped. */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Serves a local simulation of POST /v1/workflow/query/result (plus GET /stats, GET"
          + " /stats/runs?id=X, GET /stats/requests, POST /stats/reset, GET /truth?id=X, POST"
          + " /runs/start) until"
          + " stopped.",
      "Special run ID prefixes: unknown- (404), malformed-, mismatch-, weird- (CANCELLED),"
          + " huge-[N(b|kb|mb)-], slow-[DURATION-], pending- (never ends), error- (always 500),"
          + " flaky-[N-] (503 N times first), late-[N-] (404 N times first)."
    })
public final class SimulateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--port", required = true, description = "Port to listen on (0: any free one).")
  int port;

  @Option(
      names = "--host",
      defaultValue = SimulatorOptions.DEFAULT_HOST,
      description = "Address to bind (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(
      names = "--api-key",
      description = "When set, requests need 'Authorization: Bearer <key>' (401 otherwise).")
  String apiKey;

  @Option(
      names = "--latency",
      defaultValue = "0ms",
      description =
          "Added to every answer: one duration or a range A..B (default: ${DEFAULT-VALUE}).")
  String latency;

  @Option(
      names = "--run-time",
      defaultValue = "0s..10s",
      description =
          "How long after its start (POST /runs/start, else its first query) a run is"
              + " PENDING/RUNNING; 0s makes every run terminal at its first query (default:"
              + " ${DEFAULT-VALUE}).")
  String runTime;

  @Option(
      names = "--workflow-run-times",
      description =
          "Instead of --run-time: each workflow's runs take log-normal times around a median of"
              + " its own, spread over this range across the five workflows (e.g. 3s..15s).")
  String workflowRunTimes;

  @Option(
      names = "--workflow-sigma",
      defaultValue = "0.15..0.25",
      description =
          "With --workflow-run-times: sigma of the log-normal, spread across the workflows"
              + " (default: ${DEFAULT-VALUE}).")
  String workflowSigma;

  @Option(
      names = "--queue-time",
      defaultValue = "0s",
      description =
          "With --workflow-run-times: how long a run is queued (PENDING, no startTime) before it"
              + " runs; one duration or a range A..B (default: ${DEFAULT-VALUE}).")
  String queueTime;

  @Option(
      names = "--fail-early",
      defaultValue = "1.0",
      description =
          "With --workflow-run-times: a FAILED run fails after a share of its time drawn from"
              + " this..1; 1.0 makes failed runs take the others' time (default: ${DEFAULT-VALUE}).")
  double failEarly;

  @Option(
      names = "--error-rate",
      defaultValue = "0.0",
      description = "Share of requests answered 500/503 (default: ${DEFAULT-VALUE}).")
  double errorRate;

  @Option(
      names = "--throttle-rate",
      defaultValue = "0.0",
      description = "Share of requests answered 429 with Retry-After (default: ${DEFAULT-VALUE}).")
  double throttleRate;

  @Option(
      names = "--throttle-retry-after",
      defaultValue = "1s",
      description = "Retry-After of those 429 answers (default: ${DEFAULT-VALUE}).")
  String throttleRetryAfter;

  @Option(
      names = "--rate-limit",
      description = "A real quota per fixed window, COUNT/PERIOD (e.g. 1000/1h), in X-RateLimit-*.")
  String rateLimit;

  @Option(
      names = "--seed",
      defaultValue = "" + SimulatorOptions.DEFAULT_SEED,
      description = "Decides every run and fault (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--slow-delay",
      defaultValue = "30s",
      description = "Delay of slow- runs whose ID names none (default: ${DEFAULT-VALUE}).")
  String slowDelay;

  @Option(
      names = "--threads",
      defaultValue = "" + SimulatorOptions.DEFAULT_WORKER_THREADS,
      description = "Worker threads (default: ${DEFAULT-VALUE}).")
  int threads;

  @Override
  public Integer call() throws InterruptedException {
    SimulatorOptions options;
    try {
      options = options();
    } catch (IllegalArgumentException e) {
      error(e.getMessage());
      return ExitCodes.CONFIG;
    }
    SimulatorServer server;
    try {
      server = SimulatorServer.start(options);
    } catch (UncheckedIOException e) {
      error(e.getMessage());
      return ExitCodes.FAILURE;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  stopped.countDown();
                },
                "simulator-shutdown"));
    System.out.println("API simulator listening on " + server.baseUrl() + " " + options);
    System.out.flush();
    stopped.await();
    return ExitCodes.OK;
  }

  /** One line on stderr, as every command writes its errors. */
  private void error(String message) {
    spec.commandLine().getErr().println("error: " + message);
    spec.commandLine().getErr().flush();
  }

  private WorkflowRunTimes workflowRunTimes() {
    if (workflowRunTimes == null) {
      return null;
    }
    double[] sigma = WorkflowRunTimes.parseSigma(workflowSigma);
    return new WorkflowRunTimes(
        DurationRange.parse(workflowRunTimes),
        sigma[0],
        sigma[1],
        DurationRange.parse(queueTime),
        failEarly);
  }

  private SimulatorOptions options() {
    return SimulatorOptions.builder()
        .host(host)
        .port(port)
        .apiKey(apiKey)
        .latency(DurationRange.parse(latency))
        .runTime(DurationRange.parse(runTime))
        .workflowRunTimes(workflowRunTimes())
        .errorRate(errorRate)
        .throttleRate(throttleRate)
        .throttleRetryAfter(Durations.require(throttleRetryAfter))
        .rateLimit(rateLimit == null ? null : RateLimitSpec.parse(rateLimit))
        .seed(seed)
        .slowDelay(Durations.require(slowDelay))
        .workerThreads(threads)
        .build();
  }
}
