package io.workflowresult.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.workflowresult.config.AppConfig.Role;
import io.workflowresult.testing.KafkaTestCluster;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@code run} against a real broker: connects, starts the pipeline seam, stops cleanly. */
class RunCommandIT {

  @Test
  void startsTheRolesAndClosesThemOnStop() {
    List<Set<Role>> started = new ArrayList<>();
    AtomicInteger closed = new AtomicInteger();
    AtomicInteger stoppedWith = new AtomicInteger(-1);
    RunCommand command =
        new RunCommand(
            (config, roles) -> {
              started.add(roles);
              return closed::incrementAndGet;
            },
            config ->
                new ShutdownSignal() {
                  @Override
                  public void awaitStopRequest() {
                    // a stop is requested at once
                  }

                  @Override
                  public void stopped(int exitCode) {
                    stoppedWith.set(exitCode);
                  }
                });

    CommandResult r =
        CommandResult.run(
            Main.commandLine(command),
            "--set",
            "api.key=x",
            "--set",
            "kafka.bootstrap.servers=" + KafkaTestCluster.bootstrapServers(),
            "--role",
            "intake,resolver");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(started).containsExactly(Set.of(Role.INTAKE, Role.RESOLVER));
    assertThat(closed).hasValue(1);
    assertThat(stoppedWith).hasValue(0);
  }
}
