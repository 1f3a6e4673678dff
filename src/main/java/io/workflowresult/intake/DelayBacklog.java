package io.workflowresult.intake;

import io.workflowresult.kafka.ConsumerLag;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How many delayed runs the resolver has not finished: the resolver group's lag on the delay topic
 * (end offsets minus committed offsets, summed over partitions), so runs fetched and waiting in
 * memory for their due time count as well as those not fetched yet. It is measured with the admin
 * client at most once per {@code refresh} on a daemon thread, so asking costs nothing; the value is
 * the last measurement, {@code 0} before the first and kept as it was when a measurement fails. It
 * reads the group's committed offsets ({@link ConsumerLag#onTopic}), so it works whether or not the
 * resolver runs in this process.
 */
public final class DelayBacklog implements LongSupplier, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DelayBacklog.class);
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);

  private final ConsumerLag lag;
  private final String topic;
  private final String group;
  private final ScheduledExecutorService timer;
  private volatile long backlog;

  public DelayBacklog(Admin admin, String topic, String group, Duration refresh) {
    this.lag = new ConsumerLag(admin, CALL_TIMEOUT);
    this.topic = topic;
    this.group = group;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "delay-backlog");
              t.setDaemon(true);
              return t;
            });
    timer.scheduleWithFixedDelay(this::measure, 0, refresh.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public long getAsLong() {
    return backlog;
  }

  /** Measures now (on the caller's thread) and returns the backlog. */
  public long measure() {
    try {
      backlog = lag.onTopic(group, topic);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      log.debug("measuring the delay backlog of group {} failed: {}", group, e.toString());
    }
    return backlog;
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
