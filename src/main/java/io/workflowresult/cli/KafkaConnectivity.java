package io.workflowresult.cli;

import io.workflowresult.config.AppConfig;
import io.workflowresult.config.KafkaClientSettings;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/** Checks at start-up that Kafka answers, so that a missing broker is one clear line. */
public final class KafkaConnectivity {
  /** Long enough for a broker that is starting; short enough for a person waiting. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);

  private KafkaConnectivity() {}

  /**
   * Describes the cluster within {@code timeout}.
   *
   * @return the cluster id
   * @throws KafkaUnreachableException when Kafka does not answer in time
   */
  public static String check(AppConfig config, Duration timeout) {
    return check(config, timeout, Set.of());
  }

  /**
   * Describes the cluster, and the topics that must exist, within {@code timeout}.
   *
   * @return the cluster id
   * @throws KafkaUnreachableException when Kafka does not answer in time
   * @throws IllegalStateException naming the first topic that does not exist
   */
  public static String check(AppConfig config, Duration timeout, Set<String> topics) {
    Map<String, Object> props = KafkaClientSettings.admin(config);
    int ms = (int) Math.max(1, timeout.toMillis());
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, ms);
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ms);
    String bootstrap = config.kafka().bootstrapServers();
    try (Admin admin = Admin.create(props)) {
      String clusterId =
          admin
              .describeCluster(new DescribeClusterOptions().timeoutMs(ms))
              .clusterId()
              .get(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
      requireTopics(admin, topics, bootstrap, timeout);
      return clusterId;
    } catch (MissingTopicException e) {
      throw e;
    } catch (ExecutionException | TimeoutException | KafkaException e) {
      throw new KafkaUnreachableException(bootstrap, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaUnreachableException(bootstrap, e);
    }
  }

  private static void requireTopics(
      Admin admin, Set<String> topics, String bootstrap, Duration timeout)
      throws InterruptedException, TimeoutException, ExecutionException {
    for (String topic : new TreeSet<>(topics)) {
      try {
        admin
            .describeTopics(Set.of(topic))
            .allTopicNames()
            .get(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof UnknownTopicOrPartitionException) {
          throw new MissingTopicException(topic, bootstrap);
        }
        throw e;
      }
    }
  }

  /** A topic the command needs is not there. */
  public static final class MissingTopicException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MissingTopicException(String topic, String bootstrap) {
      super(
          "topic "
              + topic
              + " does not exist at "
              + bootstrap
              + " (start run with topics.create=true, or create it)");
    }
  }
}
