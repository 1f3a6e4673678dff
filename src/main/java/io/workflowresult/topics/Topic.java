package io.workflowresult.topics;

import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;

/**
 * A topic as a value: its name and how its keys and values are (de)serialized. Built from
 * configuration ({@link PipelineTopics#from}), never held in statics, so tests and several
 * instances in one JVM use their own names.
 *
 * @param <K> key type
 * @param <V> value type
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde) {
  public Topic {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(keySerde, "keySerde");
    Objects.requireNonNull(valueSerde, "valueSerde");
  }

  /** The same topic read or written with another value format (e.g. a typed JSON serde). */
  public <W> Topic<K, W> withValueSerde(Serde<W> serde) {
    return new Topic<>(name, keySerde, serde);
  }

  /** The same topic read or written with another key format. */
  public <L> Topic<L, V> withKeySerde(Serde<L> serde) {
    return new Topic<>(name, serde, valueSerde);
  }
}
