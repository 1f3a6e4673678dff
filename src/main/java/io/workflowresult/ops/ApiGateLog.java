package io.workflowresult.ops;

import io.workflowresult.config.Durations;
import io.workflowresult.resolver.politeness.InstanceGate;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the operator about the resolver's instance gate: one WARN when it closes, naming the
 * condition and its cause ({@code API unreachable: … ; pausing, next probe in 30 s}), one line a
 * minute while it stays closed, one INFO when it opens again; and the gauge {@link
 * MetricNames#GATE_CLOSED} per condition. It reads the gate's status every second, so a closure
 * shorter than that may pass unlogged — it costs no run anything either.
 */
final class ApiGateLog implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ApiGateLog.class);
  static final Duration REMINDER_INTERVAL = Duration.ofMinutes(1);
  private static final Duration CHECK_INTERVAL = Duration.ofSeconds(1);

  private final Supplier<InstanceGate.Status> gate;
  private final ApiMeters meters;
  private final LongSupplier clock;
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "api-gate-log");
            t.setDaemon(true);
            return t;
          });
  private InstanceGate.Status last = InstanceGate.Status.OPEN_STATUS;
  private long lastLineAtMs;

  ApiGateLog(Supplier<InstanceGate.Status> gate, ApiMeters meters, LongSupplier clock) {
    this.gate = gate;
    this.meters = meters;
    this.clock = clock;
  }

  /** Checks the gate every second from now on. */
  void start() {
    scheduler.scheduleWithFixedDelay(
        this::checkNow, 0, CHECK_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** One look at the gate: logs what changed, or the reminder that is due, and sets the gauge. */
  synchronized void checkNow() {
    InstanceGate.Status now = gate.get();
    long nowMs = clock.getAsLong();
    if (now.open()) {
      if (!last.open()) {
        log.info(
            "{} no more: requests resume after {} paused",
            last.headline(),
            seconds(nowMs - last.closedAtMs()));
      }
    } else if (last.open() || !now.condition().equals(last.condition())) {
      log.warn("{}: {}; pausing, {}", now.headline(), now.detail(), nextProbe(now, nowMs));
      lastLineAtMs = nowMs;
    } else if (nowMs - lastLineAtMs >= REMINDER_INTERVAL.toMillis()) {
      log.warn(
          "{} for {}: {}; still paused, {}",
          now.headline(),
          seconds(nowMs - now.closedAtMs()),
          now.detail(),
          nextProbe(now, nowMs));
      lastLineAtMs = nowMs;
    }
    gauge(last, false);
    gauge(now, true);
    last = now;
  }

  private void gauge(InstanceGate.Status status, boolean current) {
    status
        .condition()
        .ifPresent(c -> meters.gateClosed(c.name().toLowerCase(Locale.ROOT), current));
  }

  private static String nextProbe(InstanceGate.Status status, long nowMs) {
    long in = status.probeAtMs() - nowMs;
    return in > 0 ? "next probe in " + seconds(in) : "probing now";
  }

  /**
   * Rounded up to whole seconds, in the form configuration values take ({@code 30s}, {@code 5m}).
   */
  private static String seconds(long millis) {
    return Durations.format(Duration.ofSeconds(Math.max(0, (millis + 999) / 1000)));
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
