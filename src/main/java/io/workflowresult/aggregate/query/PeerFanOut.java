package io.workflowresult.aggregate.query;

import io.workflowresult.config.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Asks every other instance at once and waits for all of them within one deadline, so that an
 * answer that needs every instance takes as long as the slowest one (bounded by the deadline), not
 * the sum of them all.
 */
final class PeerFanOut {
  /** Threads that wait for peers; idle ones end after a while, so an unused pool costs nothing. */
  private static final Executor SHARED =
      new ThreadPoolExecutor(
          0,
          32,
          30,
          TimeUnit.SECONDS,
          new SynchronousQueue<>(),
          r -> {
            Thread t = new Thread(r, "costs-peer");
            t.setDaemon(true);
            return t;
          },
          new ThreadPoolExecutor.CallerRunsPolicy());

  private final Executor executor;
  private final Duration deadline;

  PeerFanOut(Duration deadline) {
    this(SHARED, deadline);
  }

  PeerFanOut(Executor executor, Duration deadline) {
    this.executor = executor;
    this.deadline = deadline;
  }

  /**
   * {@code ask} of every host, in their order: the remote ones in parallel, {@code self} on the
   * calling thread meanwhile.
   *
   * @throws CostsUnavailableException when one fails or does not answer within the deadline
   */
  <T> List<T> fromEach(List<HostInfo> hosts, HostInfo self, Function<HostInfo, T> ask) {
    long until = System.nanoTime() + deadline.toNanos();
    List<CompletableFuture<T>> asked = new ArrayList<>();
    for (HostInfo host : hosts) {
      asked.add(
          host.equals(self)
              ? null
              : CompletableFuture.supplyAsync(() -> ask.apply(host), executor));
    }
    List<T> answers = new ArrayList<>();
    for (int i = 0; i < hosts.size(); i++) {
      answers.add(
          asked.get(i) == null ? ask.apply(self) : await(hosts.get(i), asked.get(i), until));
    }
    return answers;
  }

  private <T> T await(HostInfo host, CompletableFuture<T> answer, long until) {
    try {
      return answer.get(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      answer.cancel(true);
      throw new CostsUnavailableException(
          "instance "
              + host.host()
              + ":"
              + host.port()
              + " did not answer within "
              + Durations.format(deadline));
    } catch (ExecutionException e) {
      if (e.getCause() instanceof CostsUnavailableException unavailable) {
        throw unavailable;
      }
      throw new CostsUnavailableException("instance " + host + ": " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CostsUnavailableException("interrupted while asking " + host, e);
    }
  }
}
