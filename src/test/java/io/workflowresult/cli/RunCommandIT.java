package io.workflowresult.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.workflowresult.config.AppConfig.Role;
import io.workflowresult.pipeline.RunningPipeline;
import io.workflowresult.testing.KafkaTestCluster;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** {@code run} against a real broker: connects, starts the pipeline seam, stops cleanly. */
class RunCommandIT {
  private final AtomicInteger stoppedWith = new AtomicInteger(-1);

  /** A stop signal that fires once {@code requested} reaches zero, recording the exit code. */
  private ShutdownSignal signal(CountDownLatch requested) {
    return ShutdownSignal.of(requested, stoppedWith::set);
  }

  private static CommandResult run(RunCommand command, String... more) {
    String[] base = {
      "--set",
      "api.key=x",
      "--set",
      "kafka.bootstrap.servers=" + KafkaTestCluster.bootstrapServers()
    };
    return CommandResult.run(
        Main.commandLine(command),
        Stream.concat(Stream.of(base), Stream.of(more)).toArray(String[]::new));
  }

  @Test
  void startsTheRolesAndClosesThemOnStop() {
    List<Set<Role>> started = new ArrayList<>();
    AtomicInteger closed = new AtomicInteger();
    RunCommand command =
        new RunCommand(
            (config, roles) -> {
              started.add(roles);
              return closed::incrementAndGet;
            },
            config -> signal(new CountDownLatch(0))); // a stop is requested at once

    CommandResult r = run(command, "--role", "intake,resolver");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(started).containsExactly(Set.of(Role.INTAKE, Role.RESOLVER));
    assertThat(closed).hasValue(1);
    assertThat(stoppedWith).hasValue(0);
  }

  @Test
  void aPartThatStopsOnItsOwnStopsTheProcessWithExitCodeOne() {
    AtomicInteger checks = new AtomicInteger();
    AtomicInteger closed = new AtomicInteger();
    RunCommand command =
        new RunCommand(
            (config, roles) ->
                new RunningPipeline() {
                  @Override
                  public Optional<String> failure() {
                    // running at first, then the resolver loop dies
                    return checks.incrementAndGet() < 2
                        ? Optional.empty()
                        : Optional.of("the resolver stopped on an unexpected error: boom");
                  }

                  @Override
                  public void close() {
                    closed.incrementAndGet();
                  }
                },
            config -> signal(new CountDownLatch(1))); // no stop is ever requested

    CommandResult r = run(command);

    assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
    assertThat(r.err().strip())
        .isEqualTo("error: the resolver stopped on an unexpected error: boom");
    assertThat(checks).hasValue(2);
    assertThat(closed).as("the other parts are closed first").hasValue(1);
    assertThat(stoppedWith).hasValue(1);
  }
}
