package io.workflowresult.delay;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class DelayBufferTest {
  private static final TopicPartition P0 = new TopicPartition("delay", 0);
  private static final TopicPartition P1 = new TopicPartition("delay", 1);
  private final DelayBuffer buffer = new DelayBuffer();

  private static PendingRun run(TopicPartition p, long offset, String id, int attempt, long due) {
    return new PendingRun(
        p, offset, DelayRecord.fresh(id, 0L).next(attempt, due, null, 0, 0), new RecordHeaders());
  }

  @Test
  void holdsRunsUntilDueInDueOrder() {
    buffer.offer(run(P0, 0, "a", 0, 300));
    buffer.offer(run(P1, 0, "b", 0, 100));
    assertThat(buffer.nextDueAt()).hasValue(100);
    assertThat(buffer.takeDue(99)).isEmpty();
    assertThat(buffer.takeDue(100)).get().extracting(PendingRun::runId).isEqualTo("b");
    assertThat(buffer.takeDue(299)).isEmpty();
    assertThat(buffer.takeDue(1000)).get().extracting(PendingRun::runId).isEqualTo("a");
    assertThat(buffer.held()).isEqualTo(2); // both in flight
  }

  @Test
  void coalescesWaitingCopiesToTheHighestAttempt() {
    PendingRun low = run(P0, 0, "a", 1, 100);
    PendingRun high = run(P0, 1, "a", 3, 500);
    PendingRun dup = run(P0, 2, "a", 0, 0);
    assertThat(buffer.offer(low)).isEmpty();
    assertThat(buffer.offer(high)).containsExactly(low);
    assertThat(buffer.offer(dup)).containsExactly(dup);
    assertThat(buffer.waiting()).isEqualTo(1);
    assertThat(buffer.takeDue(400)).isEmpty();
    assertThat(buffer.takeDue(500)).contains(high);
  }

  @Test
  void keepsTheHeldCopyOnATie() {
    PendingRun first = run(P0, 0, "a", 2, 100);
    PendingRun second = run(P0, 1, "a", 2, 50);
    buffer.offer(first);
    assertThat(buffer.offer(second)).containsExactly(second);
  }

  @Test
  void sameRunInAnotherPartitionIsNotCoalesced() {
    buffer.offer(run(P0, 0, "a", 0, 0));
    assertThat(buffer.offer(run(P1, 0, "a", 0, 0))).isEmpty();
    assertThat(buffer.waiting()).isEqualTo(2);
  }

  @Test
  void ownReDelayArrivingBeforeItsAckIsKept() {
    PendingRun original = run(P0, 0, "a", 2, 0);
    buffer.offer(original);
    buffer.takeDue(0);
    // the key-refused re-delay keeps attempt 2 and lands at offset 5 before the ack is seen
    PendingRun redelay = run(P0, 5, "a", 2, 1000);
    assertThat(buffer.offer(redelay)).isEmpty();
    assertThat(buffer.finished(original, 5, 2)).isEmpty();
    assertThat(buffer.waiting()).isEqualTo(1);
    assertThat(buffer.takeDue(1000)).contains(redelay);
  }

  @Test
  void duplicatesParkedBehindARequestAreRedundantOnceItsReDelayIsAcked() {
    PendingRun original = run(P0, 0, "a", 2, 0);
    buffer.offer(original);
    buffer.takeDue(0);
    PendingRun dup = run(P0, 1, "a", 0, 0);
    assertThat(buffer.offer(dup)).isEmpty();
    assertThat(buffer.held()).isEqualTo(2);
    assertThat(buffer.finished(original, 7, 3)).containsExactly(dup);
    // the re-delay arrives afterwards and is the live copy; a late duplicate is redundant
    PendingRun redelay = run(P0, 7, "a", 3, 10);
    assertThat(buffer.offer(redelay)).isEmpty();
    PendingRun late = run(P0, 8, "a", 1, 0);
    assertThat(buffer.offer(late)).containsExactly(late);
    assertThat(buffer.takeDue(10)).contains(redelay);
  }

  @Test
  void duplicateArrivingAfterAckButBeforeReDelayIsRedundant() {
    PendingRun original = run(P0, 0, "a", 0, 0);
    buffer.offer(original);
    buffer.takeDue(0);
    buffer.finished(original, 4, 1);
    PendingRun dup = run(P0, 3, "a", 0, 0);
    assertThat(buffer.offer(dup)).containsExactly(dup);
    PendingRun redelay = run(P0, 4, "a", 1, 0);
    assertThat(buffer.offer(redelay)).isEmpty();
  }

  @Test
  void parkedCopiesOfAResolvedRunAreRedundant() {
    PendingRun original = run(P0, 0, "a", 1, 0);
    buffer.offer(original);
    buffer.takeDue(0);
    PendingRun dup = run(P0, 1, "a", 0, 0);
    buffer.offer(dup);
    assertThat(buffer.finished(original, -1, 0)).containsExactly(dup);
    assertThat(buffer.held()).isZero();
  }

  @Test
  void higherAttemptParkedBehindAResolvedRunStaysLive() {
    PendingRun original = run(P0, 0, "a", 1, 0);
    buffer.offer(original);
    buffer.takeDue(0);
    PendingRun newer = run(P0, 1, "a", 4, 0);
    buffer.offer(newer);
    assertThat(buffer.finished(original, -1, 0)).isEmpty();
    assertThat(buffer.takeDue(0)).contains(newer);
  }

  @Test
  void droppingAPartitionForgetsItsRuns() {
    buffer.offer(run(P0, 0, "a", 0, 0));
    buffer.offer(run(P0, 1, "b", 0, 0));
    buffer.takeDue(0);
    buffer.offer(run(P1, 0, "c", 0, 0));
    buffer.dropPartition(P0);
    assertThat(buffer.held()).isEqualTo(1);
    assertThat(buffer.takeDue(0)).get().extracting(PendingRun::runId).isEqualTo("c");
  }

  @Test
  void handsOutDueReQueriesBeforeDueNewRuns() {
    DelayBuffer buffer = new DelayBuffer();
    buffer.offer(run(P0, 0, "new-early", 0, 10));
    buffer.offer(run(P0, 1, "requery", 3, 50));
    buffer.offer(run(P1, 0, "new-late", 0, 20));
    buffer.offer(run(P1, 1, "requery-not-due", 1, 500));

    assertThat(buffer.dueCount(100, 10)).isEqualTo(3);
    assertThat(buffer.dueCount(100, 2)).isEqualTo(2);
    assertThat(buffer.nextDueAt()).hasValue(10);
    assertThat(buffer.takeDue(100)).get().extracting(PendingRun::runId).isEqualTo("requery");
    assertThat(buffer.takeDue(100)).get().extracting(PendingRun::runId).isEqualTo("new-early");
    assertThat(buffer.takeDue(100)).get().extracting(PendingRun::runId).isEqualTo("new-late");
    assertThat(buffer.takeDue(100)).isEmpty();
    assertThat(buffer.waiting()).isEqualTo(1);
  }
}
