package io.workflowresult.pipeline;

import io.workflowresult.intake.IntakeLoop;
import io.workflowresult.resolver.ResolverLoop;
import io.workflowresult.resolver.politeness.InstanceGate;
import io.workflowresult.resolver.politeness.QueryGate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Intake and the resolver as {@link LoopAssembly} started them, each on a thread of its own. {@link
 * #close(Duration)} is the SIGTERM path: intake stops taking input, the resolver stops fetching and
 * waits for its requests in flight, both commit what completed; then what they used (the delay
 * backlog's measurement) is closed.
 */
public final class IntakeAndResolver implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(IntakeAndResolver.class);

  private final IntakeLoop intake;
  private final ResolverLoop resolver;
  private final QueryGate gate;
  private final List<AutoCloseable> helpers;
  private final Duration shutdownTimeout;
  private final List<Thread> threads = new ArrayList<>();

  /**
   * @param intake the intake loop, or null when this process runs none
   * @param resolver the resolver loop, or null when this process runs none
   * @param gate the resolver's gate, which knows when the API refuses the key
   * @param helpers closed after the loops
   */
  IntakeAndResolver(
      IntakeLoop intake,
      ResolverLoop resolver,
      QueryGate gate,
      List<AutoCloseable> helpers,
      Duration shutdownTimeout) {
    this.intake = intake;
    this.resolver = resolver;
    this.gate = gate;
    this.helpers = helpers;
    this.shutdownTimeout = shutdownTimeout;
  }

  /** The intake loop, when this process runs one. */
  public Optional<IntakeLoop> intake() {
    return Optional.ofNullable(intake);
  }

  /** The resolver loop, when this process runs one. */
  public Optional<ResolverLoop> resolver() {
    return Optional.ofNullable(resolver);
  }

  /**
   * Why the service is not ready now (the API refuses the key: {@link QueryGate#notReadyReason()});
   * empty when it is, or when this process runs no resolver.
   */
  public Optional<String> notReadyReason() {
    return resolver == null ? Optional.empty() : gate.notReadyReason();
  }

  /** The resolver's gate: open, or closed for a condition of the API (open without a resolver). */
  public InstanceGate.Status gateStatus() {
    return resolver == null ? InstanceGate.Status.OPEN_STATUS : gate.status();
  }

  /** Whether every loop it started is still running. */
  public boolean isRunning() {
    return (intake == null || intake.isRunning()) && (resolver == null || resolver.isRunning());
  }

  /** Stops intake first, then the resolver (waiting up to {@code timeout} for requests). */
  public boolean close(Duration timeout) {
    boolean clean = true;
    if (intake != null) {
      clean &= intake.close(timeout);
    }
    if (resolver != null) {
      clean &= resolver.close(timeout);
    }
    for (Thread t : threads) {
      try {
        t.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    for (AutoCloseable h : helpers) {
      try {
        h.close();
      } catch (Exception e) {
        log.warn("closing {} failed: {}", h, e.toString());
      }
    }
    return clean;
  }

  /** {@link #close(Duration)} with {@code shutdown.timeout}. */
  @Override
  public void close() {
    close(shutdownTimeout);
  }

  /** Starts each loop on a thread named {@code <threadPrefix>-intake} or {@code -resolver}. */
  void start(String threadPrefix) {
    if (intake != null) {
      threads.add(startThread(intake, threadPrefix, "intake"));
    }
    if (resolver != null) {
      threads.add(startThread(resolver, threadPrefix, "resolver"));
    }
  }

  private static Thread startThread(Runnable loop, String threadPrefix, String name) {
    Thread t = new Thread(loop, threadPrefix + "-" + name);
    t.setDaemon(false);
    t.start();
    log.info("{} started", name);
    return t;
  }
}
