package io.workflowresult.resolver.politeness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.workflowresult.config.AppConfig;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RequestBudgetTest {
  private static final long SECOND = Duration.ofSeconds(1).toNanos();

  @Test
  void allowsCountRequestsAtOnceThenWaitsForTheOldestToAgeOut() {
    RequestBudget budget = RequestBudget.of(new AppConfig.Budget(3, Duration.ofSeconds(1)));
    budget.take(0);
    budget.take(10);
    budget.take(20);

    assertThat(budget.nanosUntilAvailable(30)).isEqualTo(SECOND - 30);
    assertThat(budget.nanosUntilAvailable(SECOND)).isZero();
    budget.take(SECOND);
    assertThat(budget.nanosUntilAvailable(SECOND)).isEqualTo(10);
  }

  @Test
  void refusesATakeWithoutRoom() {
    RequestBudget budget = RequestBudget.of(new AppConfig.Budget(1, Duration.ofSeconds(1)));
    budget.take(0);
    assertThatThrownBy(() -> budget.take(5)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void neverExceedsTheBudgetInAnyWindowUnderGreedyUse() {
    // Given a 20/1s budget used as greedily as it allows, at random moments over a simulated minute
    RequestBudget budget = RequestBudget.of(new AppConfig.Budget(20, Duration.ofSeconds(1)));
    Random random = new Random(7);
    Deque<Long> window = new ArrayDeque<>();
    long now = 0;
    int maxInWindow = 0;
    while (now < 60 * SECOND) {
      now += Math.max(1, budget.nanosUntilAvailable(now)) + random.nextInt(1_000_000);
      if (budget.nanosUntilAvailable(now) == 0) {
        budget.take(now);
        window.addLast(now);
        while (window.peekFirst() <= now - SECOND) {
          window.removeFirst();
        }
        maxInWindow = Math.max(maxInWindow, window.size());
      }
    }
    // Then no window of one second ever held more than 20 starts, and the budget was used
    assertThat(maxInWindow).isEqualTo(20);
    assertThat(budget.taken()).isBetween(20L * 59, 20L * 61);
  }
}
