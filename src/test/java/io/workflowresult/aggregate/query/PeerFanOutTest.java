package io.workflowresult.aggregate.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;

class PeerFanOutTest {
  private static final HostInfo SELF = new HostInfo("self", 8080);
  private static final List<HostInfo> PEERS =
      List.of(new HostInfo("a", 8080), SELF, new HostInfo("b", 8080), new HostInfo("c", 8080));

  @Test
  void everyPeerIsAskedAtOnce() {
    // each peer answers only once all three are being asked: one after another would never finish
    CountDownLatch allAsked = new CountDownLatch(3);
    PeerFanOut fanOut = new PeerFanOut(Duration.ofSeconds(20));

    List<String> answers =
        fanOut.fromEach(
            PEERS,
            SELF,
            host -> {
              if (host.equals(SELF)) {
                return "local";
              }
              allAsked.countDown();
              try {
                return allAsked.await(10, TimeUnit.SECONDS) ? host.host() : "asked alone";
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });

    assertThat(answers).containsExactly("a", "local", "b", "c");
  }

  @Test
  void aPeerSlowerThanTheDeadlineMakesTheAnswerUnavailable() {
    PeerFanOut fanOut = new PeerFanOut(Duration.ofMillis(200));
    CountDownLatch never = new CountDownLatch(1);

    assertThatThrownBy(
            () ->
                fanOut.fromEach(
                    PEERS,
                    SELF,
                    host -> {
                      if (host.host().equals("b")) {
                        try {
                          never.await(30, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                          Thread.currentThread().interrupt();
                        }
                      }
                      return host.host();
                    }))
        .isInstanceOf(CostsUnavailableException.class)
        .hasMessage("instance b:8080 did not answer within 200ms");
  }
}
