package io.workflowresult.simulator;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Settings of one simulator, validated at construction. Build with {@link #builder()}; every option
 * has a named default.
 *
 * @param host address to bind
 * @param port port to bind; 0 picks a free one (see {@link SimulatorServer#baseUrl()})
 * @param apiKey when present, requests without {@code Authorization: Bearer <apiKey>} get 401
 * @param latency added before every API answer; a range draws a value per request
 * @param runTime how long after its start (or first query) a run stays {@code PENDING}/{@code
 *     RUNNING}, uniform in the range, of which up to 30% queued; unless {@code workflowRunTimes}
 * @param workflowRunTimes when present, runs take log-normal times around a median of their
 *     workflow's own after a time queued, instead of {@code runTime}
 * @param errorRate share of API requests answered 500 or 503
 * @param throttleRate share of API requests answered 429 with {@code Retry-After}
 * @param throttleRetryAfter the {@code Retry-After} of those answers (whole seconds, at least 1)
 * @param seed with the run ID, decides everything about a run and every injected fault
 * @param rateLimit when present, a real fixed-window counter announced in {@code X-RateLimit-*}
 * @param slowDelay how long {@code slow-} runs take to answer unless their ID names a duration
 * @param workerThreads threads that read requests and write answers (waiting uses none)
 * @param clock the time runs are measured by (latency is always real time)
 */
public record SimulatorOptions(
    String host,
    int port,
    Optional<String> apiKey,
    DurationRange latency,
    DurationRange runTime,
    Optional<WorkflowRunTimes> workflowRunTimes,
    double errorRate,
    double throttleRate,
    Duration throttleRetryAfter,
    long seed,
    Optional<RateLimitSpec> rateLimit,
    Duration slowDelay,
    int workerThreads,
    Clock clock) {

  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final DurationRange DEFAULT_LATENCY = DurationRange.of(Duration.ZERO);
  public static final DurationRange DEFAULT_RUN_TIME =
      new DurationRange(Duration.ZERO, Duration.ofSeconds(10));
  public static final Duration DEFAULT_THROTTLE_RETRY_AFTER = Duration.ofSeconds(1);
  public static final long DEFAULT_SEED = 42L;
  public static final Duration DEFAULT_SLOW_DELAY = Duration.ofSeconds(30);
  public static final int DEFAULT_WORKER_THREADS = 16;

  public SimulatorOptions {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
    }
    requireRate("error-rate", errorRate);
    requireRate("throttle-rate", throttleRate);
    if (errorRate + throttleRate > 1.0) {
      throw new IllegalArgumentException("error-rate + throttle-rate must not exceed 1.0");
    }
    if (workerThreads < 1) {
      throw new IllegalArgumentException("worker threads must be >= 1, got " + workerThreads);
    }
    if (apiKey.isPresent() && apiKey.get().isEmpty()) {
      apiKey = Optional.empty();
    }
  }

  private static void requireRate(String name, double rate) {
    if (!(rate >= 0.0 && rate <= 1.0)) {
      throw new IllegalArgumentException(name + " must be between 0.0 and 1.0, got " + rate);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Lists every option; the API key is never shown. */
  @Override
  public String toString() {
    return "SimulatorOptions[host="
        + host
        + ", port="
        + port
        + ", apiKey="
        + (apiKey.isPresent() ? "****" : "none")
        + ", latency="
        + latency
        + ", runTime="
        + workflowRunTimes.map(WorkflowRunTimes::toString).orElse(runTime.toString())
        + ", errorRate="
        + errorRate
        + ", throttleRate="
        + throttleRate
        + ", throttleRetryAfter="
        + throttleRetryAfter.toMillis()
        + "ms, seed="
        + seed
        + ", rateLimit="
        + rateLimit.map(RateLimitSpec::toString).orElse("none")
        + ", slowDelay="
        + slowDelay.toMillis()
        + "ms, workerThreads="
        + workerThreads
        + "]";
  }

  /** Builds {@link SimulatorOptions}; starts from the defaults. */
  public static final class Builder {
    private String host = DEFAULT_HOST;
    private int port;
    private Optional<String> apiKey = Optional.empty();
    private DurationRange latency = DEFAULT_LATENCY;
    private DurationRange runTime = DEFAULT_RUN_TIME;
    private Optional<WorkflowRunTimes> workflowRunTimes = Optional.empty();
    private double errorRate;
    private double throttleRate;
    private Duration throttleRetryAfter = DEFAULT_THROTTLE_RETRY_AFTER;
    private long seed = DEFAULT_SEED;
    private Optional<RateLimitSpec> rateLimit = Optional.empty();
    private Duration slowDelay = DEFAULT_SLOW_DELAY;
    private int workerThreads = DEFAULT_WORKER_THREADS;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    public Builder host(String host) {
      this.host = host;
      return this;
    }

    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** Requires this key; {@code null} or empty accepts every request. */
    public Builder apiKey(String apiKey) {
      this.apiKey = Optional.ofNullable(apiKey);
      return this;
    }

    public Builder latency(DurationRange latency) {
      this.latency = latency;
      return this;
    }

    public Builder latency(Duration latency) {
      return latency(DurationRange.of(latency));
    }

    public Builder runTime(DurationRange runTime) {
      this.runTime = runTime;
      return this;
    }

    public Builder runTime(Duration runTime) {
      return runTime(DurationRange.of(runTime));
    }

    /** Log-normal run times per workflow instead of {@code runTime}; {@code null} for none. */
    public Builder workflowRunTimes(WorkflowRunTimes workflowRunTimes) {
      this.workflowRunTimes = Optional.ofNullable(workflowRunTimes);
      return this;
    }

    public Builder errorRate(double errorRate) {
      this.errorRate = errorRate;
      return this;
    }

    public Builder throttleRate(double throttleRate) {
      this.throttleRate = throttleRate;
      return this;
    }

    public Builder throttleRetryAfter(Duration throttleRetryAfter) {
      this.throttleRetryAfter = throttleRetryAfter;
      return this;
    }

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** A real per-window quota; {@code null} for none. */
    public Builder rateLimit(RateLimitSpec rateLimit) {
      this.rateLimit = Optional.ofNullable(rateLimit);
      return this;
    }

    public Builder slowDelay(Duration slowDelay) {
      this.slowDelay = slowDelay;
      return this;
    }

    public Builder workerThreads(int workerThreads) {
      this.workerThreads = workerThreads;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    public SimulatorOptions build() {
      return new SimulatorOptions(
          host,
          port,
          apiKey,
          latency,
          runTime,
          workflowRunTimes,
          errorRate,
          throttleRate,
          throttleRetryAfter,
          seed,
          rateLimit,
          slowDelay,
          workerThreads,
          clock);
    }
  }
}
