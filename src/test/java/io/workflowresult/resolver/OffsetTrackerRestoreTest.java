package io.workflowresult.resolver;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What an earlier owner completed beyond its last commit, and what this one commits beyond it. */
class OffsetTrackerRestoreTest {

  private static CompletedOffsets ranges(long... startEndPairs) {
    CompletedOffsets.Builder b = CompletedOffsets.builder();
    for (int i = 0; i < startEndPairs.length; i += 2) {
      b.add(startEndPairs[i], startEndPairs[i + 1]);
    }
    return b.build();
  }

  @Test
  void completedBeyondThePositionSkipsTheIncompleteOnes() {
    OffsetTracker t = new OffsetTracker();
    for (long o = 10; o < 20; o++) {
      t.register(o);
    }
    for (long o : new long[] {11, 12, 15, 19}) {
      t.complete(o);
    }
    assertThat(t.committable()).hasValue(10);
    assertThat(t.completedBeyond(10)).isEqualTo(ranges(11, 13, 15, 16, 19, 20));
  }

  @Test
  void offsetsNeverTakenBelowTheLastOneCountAsComplete() {
    OffsetTracker t = new OffsetTracker();
    t.register(0);
    t.register(5); // 1–4: transaction markers
    t.register(6);
    t.complete(5);
    assertThat(t.completedBeyond(0)).isEqualTo(ranges(1, 6));
  }

  @Test
  void restoredOffsetsAreCompleteWhenTakenAndCommittedAgainUntilThen() {
    OffsetTracker t = new OffsetTracker();
    t.restore(100, ranges(102, 105, 110, 111));
    assertThat(t.toCommit()).as("nothing taken, nothing to commit").isEmpty();

    t.register(100);
    t.register(101);
    t.register(102);
    assertThat(t.completedBefore(100)).isFalse();
    assertThat(t.completedBefore(102)).isTrue();
    t.complete(102);

    assertThat(t.committable()).hasValue(100);
    assertThat(t.completedBeyond(100))
        .as("102 taken and complete; 103, 104 and 110 not taken yet")
        .isEqualTo(ranges(102, 105, 110, 111));
  }

  @Test
  void aFetchStartingBeforeTheCommittedPositionForgetsWhatWasRestored() {
    OffsetTracker t = new OffsetTracker();
    t.restore(100, ranges(102, 105));
    t.register(0); // the committed position was out of range: the log is not the one it described
    assertThat(t.completedBefore(102)).isFalse();
    assertThat(t.completedBeyond(0)).isEqualTo(CompletedOffsets.NONE);
  }

  @Test
  void aCompletionBeyondAnUnmovedPositionIsCommittedToo() {
    OffsetTracker t = new OffsetTracker();
    t.register(0);
    t.register(1);
    t.committed(0);
    assertThat(t.toCommit()).isEmpty();
    t.complete(1);
    assertThat(t.toCommit()).as("0 still open, 1 complete beyond it").hasValue(0);
    t.committed(0);
    assertThat(t.toCommit()).isEmpty();
  }

  @Test
  void allCompleteWithRestoredOffsetsAheadCarriesThemOn() {
    OffsetTracker t = new OffsetTracker();
    t.restore(10, ranges(10, 11, 13, 14));
    t.register(10);
    t.complete(10);
    assertThat(t.committable()).hasValue(11);
    assertThat(t.completedBeyond(11)).isEqualTo(ranges(13, 14));
  }
}
