package io.workflowresult.delay.learned;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class RunTimeBookTest {
  private static final Ladder LADDER = Ladder.of(0.5, 0.9);
  private static final long NOW = 1_000_000_000L;

  private static RunTimeBook book(int maxWorkflows, int minSamples) {
    return new RunTimeBook(
        new RunTimeBook.Limits(maxWorkflows, 100, Duration.ofDays(7), minSamples), LADDER);
  }

  /** A run of {@code wf} that ran {@code ms} from start to end, seen {@code queued} ms before. */
  private static RunTiming run(String wf, String version, long ms) {
    return new RunTiming(
        wf,
        Optional.ofNullable(version),
        OptionalLong.of(NOW - ms),
        OptionalLong.of(NOW),
        OptionalLong.of(ms));
  }

  private static void learnMany(RunTimeBook book, String wf, String version, int n, long ms) {
    learnMany(book, wf, version, n, ms, NOW);
  }

  private static void learnMany(
      RunTimeBook book, String wf, String version, int n, long ms, long learnedAt) {
    for (int i = 0; i < n; i++) {
      book.learn(run(wf, version, ms + i), NOW - ms - 500, learnedAt);
    }
  }

  private static Optional<LadderTimes> times(RunTimeBook book, String wf, RunTimeMeasure m) {
    return book.ladderTimes(wf, Optional.empty(), m, NOW);
  }

  @Test
  void tooFewSamplesGiveNoTimes() {
    RunTimeBook book = book(10, 5);
    learnMany(book, "wf-1", "1", 4, 8000);

    assertThat(times(book, "wf-1", RunTimeMeasure.EXECUTION)).isEmpty();
    learnMany(book, "wf-1", "1", 1, 8000);
    assertThat(times(book, "wf-1", RunTimeMeasure.EXECUTION)).isPresent();
  }

  @Test
  void learnsTheRunsOwnTimeAndTheTimeFromFirstSeenToEnd() {
    RunTimeBook book = book(10, 5);
    learnMany(book, "wf-1", "1", 10, 8000);

    LadderTimes execution = times(book, "wf-1", RunTimeMeasure.EXECUTION).orElseThrow();
    LadderTimes seen = times(book, "wf-1", RunTimeMeasure.SEEN_TO_END).orElseThrow();
    assertThat(execution.at(0)).isBetween(8000L, 8100L);
    assertThat(seen.at(0)).isBetween(8500L, 8600L);
    assertThat(execution.at(1)).isGreaterThanOrEqualTo(execution.at(0));
  }

  @Test
  void anUnnamedOrUnknownVersionIsToldTheMostRecentWellKnownVersion() {
    RunTimeBook book = book(10, 5);
    learnMany(book, "wf-1", "1", 10, 8000, NOW - 1);
    learnMany(book, "wf-1", "2", 2, 20_000, NOW);

    assertThat(times(book, "wf-1", RunTimeMeasure.EXECUTION).orElseThrow().at(0))
        .isBetween(8000L, 8100L);
    assertThat(
            book.ladderTimes("wf-1", Optional.of("3"), RunTimeMeasure.EXECUTION, NOW)
                .orElseThrow()
                .at(0))
        .isBetween(8000L, 8100L);
  }

  @Test
  void aWellKnownVersionIsToldItsOwnTimes() {
    RunTimeBook book = book(10, 5);
    learnMany(book, "wf-1", "1", 10, 8000, NOW - 1);
    learnMany(book, "wf-1", "2", 10, 20_000, NOW);

    assertThat(
            book.ladderTimes("wf-1", Optional.of("1"), RunTimeMeasure.EXECUTION, NOW)
                .orElseThrow()
                .at(0))
        .isBetween(8000L, 8100L);
    assertThat(times(book, "wf-1", RunTimeMeasure.EXECUTION).orElseThrow().at(0))
        .isBetween(20_000L, 20_200L);
  }

  @Test
  void forgetsTheLeastRecentlyUsedWorkflowPastItsCap() {
    RunTimeBook book = book(2, 1);
    learnMany(book, "wf-1", "1", 1, 1000);
    learnMany(book, "wf-2", "1", 1, 1000);
    times(book, "wf-1", RunTimeMeasure.EXECUTION);
    learnMany(book, "wf-3", "1", 1, 1000);

    assertThat(book.tracked()).isEqualTo(2);
    assertThat(times(book, "wf-2", RunTimeMeasure.EXECUTION)).isEmpty();
    assertThat(times(book, "wf-1", RunTimeMeasure.EXECUTION)).isPresent();
  }

  @Test
  void theOthersSamplesCountWithItsOwn() {
    RunTimeBook book = book(10, 10);
    learnMany(book, "wf-1", "1", 5, 8000);
    RunTimeBook other = book(10, 10);
    learnMany(other, "wf-1", "1", 5, 8000);

    book.replacePeers(other.takeChanged(), NOW);

    assertThat(times(book, "wf-1", RunTimeMeasure.EXECUTION).orElseThrow().samples()).isEqualTo(10);
  }

  @Test
  void readingTheOthersAgainReplacesThemInsteadOfAddingThem() {
    RunTimeBook book = book(10, 1);
    RunTimeBook other = book(10, 1);
    learnMany(other, "wf-1", "1", 5, 8000);
    List<RunTimeBook.OwnSnapshot> written = other.takeChanged();

    book.replacePeers(written, NOW);
    book.replacePeers(written, NOW);

    assertThat(times(book, "wf-1", RunTimeMeasure.EXECUTION).orElseThrow().samples()).isEqualTo(5);
  }

  @Test
  void writesOnlyItsOwnSamplesAndOnlyWhatChanged() {
    RunTimeBook book = book(10, 1);
    RunTimeBook other = book(10, 1);
    learnMany(other, "wf-2", "1", 5, 8000);
    book.replacePeers(other.takeChanged(), NOW);
    learnMany(book, "wf-1", "1", 3, 8000);

    List<RunTimeBook.OwnSnapshot> first = book.takeChanged();
    List<RunTimeBook.OwnSnapshot> second = book.takeChanged();

    assertThat(first)
        .extracting(RunTimeBook.OwnSnapshot::key)
        .containsExactly(new WorkflowKey("wf-1", "1"));
    assertThat(first.get(0).windows().get(RunTimeMeasure.EXECUTION).get(0).count()).isEqualTo(3);
    assertThat(second).isEmpty();
    book.changedAgain(new WorkflowKey("wf-1", "1"));
    assertThat(book.takeChanged()).hasSize(1);
  }

  @Test
  void aRestartTakesBackWhatItWroteWithinTheHorizon() {
    RunTimeBook before = book(10, 3);
    learnMany(before, "wf-1", "1", 3, 8000);
    List<RunTimeBook.OwnSnapshot> written = before.takeChanged();

    RunTimeBook after = book(10, 3);
    written.forEach(w -> after.restoreOwn(w, NOW));
    RunTimeBook muchLater = book(10, 3);
    written.forEach(w -> muchLater.restoreOwn(w, NOW + Duration.ofDays(8).toMillis()));

    assertThat(times(after, "wf-1", RunTimeMeasure.EXECUTION)).isPresent();
    assertThat(
            muchLater.ladderTimes(
                "wf-1",
                Optional.empty(),
                RunTimeMeasure.EXECUTION,
                NOW + Duration.ofDays(8).toMillis()))
        .isEmpty();
  }
}
