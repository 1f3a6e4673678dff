package io.workflowresult.ops;

import io.workflowresult.kafka.ConsumerLag;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.GroupListing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the cluster from an admin client every {@code interval}: whether Kafka answers (a {@link
 * ReadinessCheck}) and the lag of this service's consumer groups (every group whose id starts with
 * {@code <app.id>-}) as {@link MetricNames#CONSUMER_LAG}. Lag is read from the cluster, so every
 * instance reports the whole group's lag; alert on {@code max} across instances, not the sum.
 */
public final class KafkaMonitor implements ReadinessCheck, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(KafkaMonitor.class);

  private final Admin admin;
  private final String groupPrefix;
  private final Duration timeout;
  private final PipelineMeters meters;
  private final ConsumerLag lag;
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "kafka-monitor");
            t.setDaemon(true);
            return t;
          });
  private volatile String problem = "Kafka not checked yet";

  public KafkaMonitor(Admin admin, String appId, PipelineMeters meters, Duration timeout) {
    this.admin = admin;
    this.groupPrefix = appId + "-";
    this.timeout = timeout;
    this.meters = meters;
    this.lag = new ConsumerLag(admin, timeout);
  }

  /** Checks now, then every {@code interval}. */
  public void start(Duration interval) {
    scheduler.scheduleWithFixedDelay(this::checkNow, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public Optional<String> problem() {
    return Optional.ofNullable(problem);
  }

  /** One round: cluster reachable, then lag per group and topic. */
  void checkNow() {
    try {
      admin
          .describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()))
          .nodes()
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (problem != null) {
        log.info("Kafka is reachable");
      }
      problem = null;
      meters.consumerLag(lagByGroupAndTopic());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      String reason =
          "cannot reach Kafka: "
              + (e instanceof TimeoutException
                      || rootMessage(e).equals("TimeoutException")
                      || e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException
                  ? "no answer within " + timeout.toSeconds() + "s"
                  : rootMessage(e));
      if (!reason.equals(problem)) {
        log.warn("{}", reason);
      }
      problem = reason;
    }
  }

  private Map<List<String>, Long> lagByGroupAndTopic()
      throws InterruptedException, ExecutionException, TimeoutException {
    Map<List<String>, Long> rows = new HashMap<>();
    for (GroupListing group : admin.listGroups().all().get(timeout.toMillis(), MILLIS)) {
      if (!group.groupId().startsWith(groupPrefix)) {
        continue;
      }
      Map<String, Long> byTopic = new HashMap<>();
      lag.committed(group.groupId()).forEach((tp, n) -> byTopic.merge(tp.topic(), n, Long::sum));
      byTopic.forEach((topic, value) -> rows.put(List.of(group.groupId(), topic), value));
    }
    return rows;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }

  private static final TimeUnit MILLIS = TimeUnit.MILLISECONDS;

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
