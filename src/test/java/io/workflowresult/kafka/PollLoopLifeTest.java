package io.workflowresult.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class PollLoopLifeTest {
  private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
  private final MockProducer<byte[], byte[]> producer =
      new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
  private final PollLoopLife life =
      new PollLoopLife("test loop", LoggerFactory.getLogger(PollLoopLifeTest.class));

  @Test
  void anUnexpectedErrorIsRecordedAndTheClientsAreClosed() {
    IllegalStateException boom = new IllegalStateException("boom");
    assertThat(life.isRunning()).isTrue();

    life.run(
        () -> {
          throw boom;
        },
        consumer,
        producer);

    assertThat(life.isRunning()).isFalse();
    assertThat(life.failure()).containsSame(boom);
    assertThat(consumer.closed()).isTrue();
    assertThat(producer.closed()).isTrue();
  }

  @Test
  void stopEndsALoopThatChecksForItAndWaitsForIt() throws Exception {
    AtomicInteger rounds = new AtomicInteger();
    Thread thread =
        new Thread(
            () ->
                life.run(
                    () -> {
                      while (!life.stopRequested()) {
                        rounds.incrementAndGet();
                        Thread.onSpinWait();
                      }
                    },
                    consumer,
                    producer));
    thread.start();
    await("the loop running").atMost(Duration.ofSeconds(10)).until(() -> rounds.get() > 0);

    assertThat(life.stop(Duration.ofSeconds(10))).as("stopped in time").isTrue();
    assertThat(life.isRunning()).isFalse();
    assertThat(life.failure()).isEmpty();
    assertThat(consumer.closed()).isTrue();
    assertThat(producer.closed()).isTrue();
    thread.join(5_000);
  }
}
