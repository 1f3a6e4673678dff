package io.workflowresult.topics;

import io.workflowresult.topics.TopicSetupException.Reason;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.DescribeConfigsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * The few Admin calls start-up needs, each bounded by one shared deadline, with Kafka's failures
 * turned into one-line {@link TopicSetupException}s. A topic that does not exist is an answer
 * (absent from the result), not a failure.
 */
final class BoundedAdmin {
  private final Admin admin;
  private final String bootstrapServers;
  private final long deadlineNanos;

  BoundedAdmin(Admin admin, String bootstrapServers, long deadlineNanos) {
    this.admin = admin;
    this.bootstrapServers = bootstrapServers;
    this.deadlineNanos = deadlineNanos;
  }

  /** Descriptions of the topics that exist; missing ones are left out. */
  Map<String, TopicDescription> describe(Collection<String> names) {
    var futures =
        admin
            .describeTopics(names, new DescribeTopicsOptions().timeoutMs(remainingMs()))
            .topicNameValues();
    Map<String, TopicDescription> found = new HashMap<>();
    for (String name : names) {
      TopicDescription description = await(futures.get(name), name, "describe");
      if (description != null) {
        found.put(name, description);
      }
    }
    return found;
  }

  /** Topic configs of the topics that exist; missing ones are left out. */
  Map<String, Config> configs(Collection<String> names) {
    var resources =
        names.stream().map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList();
    var futures =
        admin
            .describeConfigs(resources, new DescribeConfigsOptions().timeoutMs(remainingMs()))
            .values();
    Map<String, Config> found = new HashMap<>();
    for (ConfigResource resource : resources) {
      Config config = await(futures.get(resource), resource.name(), "describe the configs of");
      if (config != null) {
        found.put(resource.name(), config);
      }
    }
    return found;
  }

  /**
   * Creates the topics; one that another instance created meanwhile counts as created by it.
   *
   * @return the names this call created
   */
  List<String> create(List<NewTopic> topics) {
    var futures =
        admin.createTopics(topics, new CreateTopicsOptions().timeoutMs(remainingMs())).values();
    return topics.stream()
        .map(NewTopic::name)
        .filter(name -> createdHere(futures.get(name), name))
        .toList();
  }

  boolean expired() {
    return System.nanoTime() >= deadlineNanos;
  }

  private boolean createdHere(KafkaFuture<Void> future, String name) {
    try {
      await(future, name, "create");
      return true;
    } catch (TopicSetupException e) {
      if (e.getCause() instanceof TopicExistsException) {
        return false; // another instance won the race; its topic is checked like any other
      }
      throw e;
    }
  }

  /** The future's value; null when the topic does not exist. */
  private <T> T await(KafkaFuture<T> future, String topic, String action) {
    try {
      return future.get(remainingMs() + 1_000L, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof UnknownTopicOrPartitionException) {
        return null;
      }
      throw failure(cause, topic, action);
    } catch (TimeoutException e) {
      throw failure(e, topic, action);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TopicSetupException(
          Reason.UNREACHABLE, topic, "interrupted while waiting to " + action + " topic " + topic);
    }
  }

  private TopicSetupException failure(Throwable cause, String topic, String action) {
    TopicSetupException failure;
    if (cause instanceof TimeoutException
        || cause instanceof org.apache.kafka.common.errors.TimeoutException) {
      failure =
          new TopicSetupException(
              Reason.UNREACHABLE,
              topic,
              "couldn't reach Kafka at "
                  + bootstrapServers
                  + " (timed out trying to "
                  + action
                  + " topic "
                  + topic
                  + ") — is it running?");
    } else if (cause instanceof AuthorizationException) {
      failure =
          new TopicSetupException(
              Reason.NOT_AUTHORIZED, topic, "not authorized to " + action + " topic " + topic);
    } else {
      failure =
          new TopicSetupException(
              Reason.REJECTED,
              topic,
              "couldn't " + action + " topic " + topic + ": " + oneLine(cause.getMessage()));
    }
    failure.initCause(cause);
    return failure;
  }

  private int remainingMs() {
    long ms = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, ms));
  }

  private static String oneLine(String message) {
    return message == null ? "no reason given" : message.replaceAll("\\s*[\\r\\n]+\\s*", " ");
  }
}
