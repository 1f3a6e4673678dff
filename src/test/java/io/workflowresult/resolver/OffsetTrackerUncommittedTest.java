package io.workflowresult.resolver;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OffsetTrackerUncommittedTest {

  @Test
  void countsCompletedRecordsUntilTheirOffsetIsCommitted() {
    OffsetTracker t = new OffsetTracker();
    assertThat(t.completedUncommitted()).isZero();
    for (long o = 10; o < 15; o++) {
      t.register(o);
    }
    t.complete(10);
    t.complete(12);
    t.complete(13);
    assertThat(t.completedUncommitted()).as("10, 12 and 13 done, 11 and 14 not").isEqualTo(3);

    t.committed(t.committable().getAsLong());
    assertThat(t.completedUncommitted()).as("10 committed; 12, 13 wait behind 11").isEqualTo(2);

    t.complete(11);
    t.complete(14);
    t.committed(t.committable().getAsLong());
    assertThat(t.completedUncommitted()).isZero();
  }

  @Test
  void aFailedCommitStillCountsFromTheLastSuccessfulOne() {
    OffsetTracker t = new OffsetTracker();
    t.register(0);
    t.register(1);
    t.complete(0);
    t.committed(1);
    t.complete(1);
    t.commitFailed();
    assertThat(t.completedUncommitted()).isEqualTo(1);
  }
}
