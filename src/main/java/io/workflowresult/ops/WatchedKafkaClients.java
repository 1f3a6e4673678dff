package io.workflowresult.ops;

import io.workflowresult.kafka.KafkaClients;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;

/**
 * {@link KafkaClients} whose clients are watched by {@link Operations}: client metrics bound, a
 * readiness condition per consumer (named after its group suffix: {@code intake}, {@code
 * resolver}), and the resolver consumer's lag on the delay topic as unfetched delayed runs.
 */
final class WatchedKafkaClients implements KafkaClients {
  private final KafkaClients delegate;
  private final Operations ops;
  private final String delayTopic;
  private final Function<String, Supplier<Boolean>> running;

  WatchedKafkaClients(
      KafkaClients delegate,
      Operations ops,
      String delayTopic,
      Function<String, Supplier<Boolean>> running) {
    this.delegate = delegate;
    this.ops = ops;
    this.delayTopic = delayTopic;
    this.running = running;
  }

  @Override
  public Consumer<byte[], byte[]> consumer(
      String groupSuffix, String clientId, Map<String, Object> overrides) {
    Consumer<byte[], byte[]> consumer = delegate.consumer(groupSuffix, clientId, overrides);
    ops.watchConsumer(groupSuffix, consumer, running.apply(groupSuffix));
    if (groupSuffix.equals("resolver")) {
      ops.unfetchedOf(consumer, delayTopic);
    }
    return consumer;
  }

  @Override
  public Producer<byte[], byte[]> producer(String clientId) {
    Producer<byte[], byte[]> producer = delegate.producer(clientId);
    ops.watchProducer(producer);
    return producer;
  }
}
