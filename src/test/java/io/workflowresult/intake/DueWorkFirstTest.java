package io.workflowresult.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DueWorkFirstTest {
  private final AtomicLong backlog = new AtomicLong();
  private final AtomicBoolean dueWaiting = new AtomicBoolean();
  private final DueWorkFirst throttle = new DueWorkFirst(backlog::get, 100, dueWaiting::get);

  @Test
  void takesInputWhileTheResolverKeepsUp() {
    backlog.set(100);
    assertThat(throttle.shouldPause()).isFalse();
  }

  @Test
  void pausesAboveTheBacklogLimit() {
    backlog.set(101);
    assertThat(throttle.shouldPause()).isTrue();
  }

  @Test
  void pausesWhileDueRunsWait() {
    dueWaiting.set(true);
    assertThat(throttle.shouldPause()).isTrue();
  }
}
