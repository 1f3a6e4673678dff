package io.workflowresult.resolver.politeness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RequestBudgetTest {
  private static final long MS = 1_000_000L;
  private static final long SECOND = 1_000 * MS;

  private static RequestBudget budget(int count, Duration period) {
    return new RequestBudget(count, period);
  }

  @Test
  void allowsCountRequestsAtOnceThenWaitsUntilAPeriodAfterTheOldestAnswer() {
    RequestBudget budget = budget(3, Duration.ofSeconds(1));
    budget.take(0);
    budget.take(10);
    budget.take(20);
    assertThat(budget.nanosUntilAvailable(30))
        .as("all three still out: wait for an answer")
        .isEqualTo(Long.MAX_VALUE);

    budget.ended(40 * MS);
    budget.ended(50 * MS);
    assertThat(budget.nanosUntilAvailable(60 * MS)).isEqualTo(SECOND - 20 * MS);
    assertThat(budget.nanosUntilAvailable(SECOND + 39 * MS)).isEqualTo(MS);
    assertThat(budget.nanosUntilAvailable(SECOND + 40 * MS)).isZero();
    budget.take(SECOND + 40 * MS);
    assertThat(budget.nanosUntilAvailable(SECOND + 40 * MS)).isEqualTo(10 * MS);
  }

  @Test
  void refusesATakeWithoutRoomAndAnEndWithoutATake() {
    RequestBudget budget = budget(1, Duration.ofSeconds(1));
    assertThatThrownBy(() -> budget.ended(0)).isInstanceOf(IllegalStateException.class);
    budget.take(0);
    assertThatThrownBy(() -> budget.take(5)).isInstanceOf(IllegalStateException.class);
    budget.ended(5);
    assertThatThrownBy(() -> budget.take(SECOND)).isInstanceOf(IllegalStateException.class);
    budget.take(SECOND + 5);
    assertThat(budget.taken()).isEqualTo(2);
    assertThat(budget.inFlight()).isEqualTo(1);
  }

  @Test
  void neverExceedsTheBudgetAtTheApiWhateverTheDelayBeforeArrival() {
    // Given a 20/1s budget used as greedily as it allows for a simulated minute, each request
    // reaching the API 0-300 ms after its admission and answered 1-50 ms after that
    int count = 20;
    RequestBudget budget = budget(count, Duration.ofSeconds(1));
    Random random = new Random(7);
    PriorityQueue<Long> answersDue = new PriorityQueue<>();
    List<Long> arrivals = new ArrayList<>();
    long now = 0;
    while (now < 60 * SECOND) {
      while (!answersDue.isEmpty() && answersDue.peek() <= now) {
        budget.ended(answersDue.poll());
      }
      if (budget.nanosUntilAvailable(now) == 0) {
        budget.take(now);
        long arrival = now + random.nextInt(300) * MS;
        arrivals.add(arrival);
        answersDue.add(arrival + (1 + random.nextInt(50)) * MS);
      } else {
        now += random.nextInt(2 * (int) MS);
      }
    }
    // Then no one-second window at the API holds more than 20 arrivals, and the budget was used
    arrivals.sort(Long::compare);
    assertThat(RequestTiming.maxInWindow(arrivals, SECOND)).isEqualTo(count);
    assertThat(budget.taken()).as("requests in a minute").isBetween(20L * 40, 20L * 60);
  }

  @Test
  void aBigBudgetRemembersEveryAnswerOfItsPeriod() {
    RequestBudget budget = budget(1_000, Duration.ofHours(1));
    for (int i = 0; i < 1_000; i++) {
      budget.take(i * MS);
      budget.ended(i * MS + MS / 2);
    }
    assertThat(budget.nanosUntilAvailable(1_000 * MS))
        .isEqualTo(Duration.ofHours(1).toNanos() - 1_000 * MS + MS / 2);
    assertThat(budget.nanosUntilAvailable(Duration.ofHours(1).toNanos() + MS / 2)).isZero();
  }
}
