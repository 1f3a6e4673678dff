package io.workflowresult.resolver;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OffsetTrackerTest {

  @Test
  void nothingToCommitBeforeAnyRecord() {
    assertThat(new OffsetTracker().committable()).isEmpty();
  }

  @Test
  void commitsOnlyTheContiguousPrefixOfOutOfOrderCompletions() {
    OffsetTracker t = new OffsetTracker();
    for (long o = 10; o < 15; o++) {
      t.register(o);
    }
    t.complete(12);
    t.complete(14);
    assertThat(t.committable()).hasValue(10);
    t.complete(10);
    assertThat(t.committable()).hasValue(11);
    t.complete(11);
    assertThat(t.committable()).hasValue(13);
    t.complete(13);
    assertThat(t.committable()).hasValue(15);
  }

  @Test
  void gapsInOffsetsDoNotBlock() {
    OffsetTracker t = new OffsetTracker();
    t.register(3);
    t.register(7); // offsets 4–6 were transaction markers or compacted away
    t.complete(3);
    assertThat(t.committable()).hasValue(7);
    t.complete(7);
    assertThat(t.committable()).hasValue(8);
  }

  @Test
  void toCommitOnlyWhenPositionMoved() {
    OffsetTracker t = new OffsetTracker();
    t.register(0);
    t.complete(0);
    assertThat(t.toCommit()).hasValue(1);
    t.committed(1);
    assertThat(t.toCommit()).isEmpty();
    t.register(1);
    assertThat(t.toCommit()).isEmpty();
    t.complete(1);
    assertThat(t.toCommit()).hasValue(2);
  }
}
