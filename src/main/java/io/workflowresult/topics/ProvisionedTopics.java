package io.workflowresult.topics;

import java.util.Map;
import java.util.Set;

/**
 * What start-up found: each topic's partition count and which topics this instance created.
 *
 * @param partitions partition count by topic name (every topic of the service)
 * @param created names of the topics this call created (empty when they all existed)
 */
public record ProvisionedTopics(Map<String, Integer> partitions, Set<String> created) {
  public ProvisionedTopics {
    partitions = Map.copyOf(partitions);
    created = Set.copyOf(created);
  }

  /** Partition count of one of the service's topics. */
  public int partitionsOf(String topic) {
    Integer count = partitions.get(topic);
    if (count == null) {
      throw new IllegalArgumentException("not a provisioned topic: " + topic);
    }
    return count;
  }
}
