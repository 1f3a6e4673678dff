package io.workflowresult.resolver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class InFlightLimiterTest {

  @Test
  void neverGivesMoreThanTheLimit() {
    InFlightLimiter limiter = new InFlightLimiter(3);
    List<CompletableFuture<String>> pending = new ArrayList<>();
    int started = 0;
    for (int i = 0; i < 10; i++) {
      CompletableFuture<String> f = new CompletableFuture<>();
      if (limiter.tryCall(() -> f, e -> "thrown").isPresent()) {
        pending.add(f);
        started++;
      }
    }
    assertThat(started).isEqualTo(3);
    assertThat(limiter.inFlight()).isEqualTo(3);
    pending.get(0).complete("done");
    assertThat(limiter.inFlight()).isEqualTo(2);
    assertThat(limiter.tryCall(CompletableFuture::new, e -> "x")).isPresent();
    assertThat(limiter.highWater()).isEqualTo(3);
  }

  @Test
  void releasesWhenTheCallThrows() {
    InFlightLimiter limiter = new InFlightLimiter(1);
    Optional<CompletableFuture<String>> f =
        limiter.tryCall(
            () -> {
              throw new IllegalStateException("boom");
            },
            e -> "failed: " + e.getMessage());
    assertThat(f).isPresent();
    assertThat(f.get().join()).isEqualTo("failed: boom");
    assertThat(limiter.inFlight()).isZero();
    assertThat(limiter.hasFreePermit()).isTrue();
  }

  @Test
  void releasesWhenTheFutureFails() {
    InFlightLimiter limiter = new InFlightLimiter(1);
    CompletableFuture<String> f = new CompletableFuture<>();
    limiter.tryCall(() -> f, e -> "x");
    f.completeExceptionally(new RuntimeException("io"));
    assertThat(limiter.inFlight()).isZero();
  }
}
