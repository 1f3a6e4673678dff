package io.workflowresult.pipeline;

import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;

/**
 * Watches each loop {@link LoopAssembly} builds, once it is built and before it starts: the service
 * binds its clients' metrics and a readiness condition in {@code ops}.
 */
interface LoopWatch {
  LoopWatch NONE =
      new LoopWatch() {
        @Override
        public void intake(
            Consumer<?, ?> consumer, Producer<?, ?> producer, BooleanSupplier running) {}

        @Override
        public void resolver(
            Consumer<?, ?> consumer, Producer<?, ?> producer, BooleanSupplier running) {}
      };

  /** The intake loop's clients, and whether the loop runs. */
  void intake(Consumer<?, ?> consumer, Producer<?, ?> producer, BooleanSupplier running);

  /** The resolver loop's clients (its consumer reads the delay topic), and whether it runs. */
  void resolver(Consumer<?, ?> consumer, Producer<?, ?> producer, BooleanSupplier running);
}
