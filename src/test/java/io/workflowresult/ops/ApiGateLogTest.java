package io.workflowresult.ops;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.workflowresult.resolver.politeness.InstanceGate;
import io.workflowresult.resolver.politeness.InstanceGate.Condition;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** An API outage is never silent: the operator's lines and the gate gauge, on a test clock. */
class ApiGateLogTest {
  private static final long T0 = 1_700_000_000_000L;
  private static final String REFUSED =
      "10 of the last 20 answers failed: I/O error: ConnectException: cannot connect to"
          + " 127.0.0.1:38080 (Connection refused)";

  private final AtomicLong now = new AtomicLong(T0);
  private final AtomicReference<InstanceGate.Status> gate =
      new AtomicReference<>(InstanceGate.Status.OPEN_STATUS);
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final ApiMeters meters = new ApiMeters(registry);
  private final ApiGateLog watch = new ApiGateLog(gate::get, meters, now::get);
  private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
  private final Logger logger = (Logger) LoggerFactory.getLogger(ApiGateLog.class);

  @BeforeEach
  void listen() {
    lines.start();
    logger.addAppender(lines);
  }

  @AfterEach
  void stop() {
    logger.detachAppender(lines);
    watch.close();
  }

  private static InstanceGate.Status closed(
      Condition condition, String headline, String detail, long closedAt, long probeAt) {
    return new InstanceGate.Status(
        false, Optional.of(condition), headline, detail, closedAt, probeAt);
  }

  private void at(long offsetMs) {
    now.set(T0 + offsetMs);
    watch.checkNow();
  }

  private double gauge(String condition) {
    return registry.get(MetricNames.GATE_CLOSED).tag("condition", condition).gauge().value();
  }

  private List<String> messages() {
    return lines.list.stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
  }

  @Test
  void anOpenGateSaysNothing() {
    at(0);
    at(120_000);

    assertThat(messages()).isEmpty();
    assertThat(gauge("api_failing")).isZero();
  }

  @Test
  void aClosingGateWarnsOnceWithTheConditionItsCauseAndTheNextProbe() {
    gate.set(closed(Condition.API_FAILING, "API unreachable", REFUSED, T0, T0 + 30_000));

    at(0);
    at(1_000);
    at(2_000);

    assertThat(messages())
        .containsExactly("WARN API unreachable: " + REFUSED + "; pausing, next probe in 30s");
    assertThat(gauge("api_failing")).isEqualTo(1);
    assertThat(gauge("throttled")).isZero();
  }

  @Test
  void aGateThatStaysClosedSaysSoOnceAMinute() {
    gate.set(closed(Condition.API_FAILING, "API unreachable", REFUSED, T0, T0 + 30_000));
    at(0);

    for (long t = 1_000; t <= 130_000; t += 1_000) {
      at(t);
    }

    assertThat(messages()).hasSize(3);
    assertThat(messages().get(1))
        .isEqualTo("WARN API unreachable for 1m: " + REFUSED + "; still paused, probing now");
    assertThat(lines.list.get(2).getFormattedMessage()).startsWith("API unreachable for 2m: ");
  }

  @Test
  void anOpeningGateSaysSoOnceAndTheGaugeFalls() {
    gate.set(closed(Condition.UNAUTHORIZED, "API refused the key", "HTTP 401", T0, T0 + 30_000));
    at(0);
    gate.set(InstanceGate.Status.OPEN_STATUS);

    at(45_000);
    at(46_000);

    assertThat(messages())
        .containsExactly(
            "WARN API refused the key: HTTP 401; pausing, next probe in 30s",
            "INFO API refused the key no more: requests resume after 45s paused");
    assertThat(lines.list.get(1).getLevel()).isEqualTo(Level.INFO);
    assertThat(gauge("unauthorized")).isZero();
  }

  @Test
  void anotherConditionWhileClosedWarnsAgainAndMovesTheGauge() {
    gate.set(closed(Condition.API_FAILING, "API failing", "503", T0, T0 + 1_000));
    at(0);
    gate.set(closed(Condition.THROTTLED, "API throttling", "the API answered 429", T0, T0 + 5_000));

    at(2_000);

    assertThat(messages())
        .last()
        .isEqualTo("WARN API throttling: the API answered 429; pausing, next probe in 3s");
    assertThat(gauge("throttled")).isEqualTo(1);
    assertThat(gauge("api_failing")).isZero();
  }
}
