package io.workflowresult.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A real Kafka broker as its own process, through {@code scripts/kafka-local.sh}, so that a
 * scenario can stop it and start it again. {@code scripts/chaos.sh} names its broker with {@code
 * CHAOS_KAFKA_PORT} and {@code CHAOS_KAFKA_STATE_DIR}; without them (in {@code mvn verify}) the
 * scenario starts a broker of its own on free ports and deletes it at the end.
 */
final class BrokerProcess implements AutoCloseable {
  private static final Path SCRIPT = Path.of("scripts", "kafka-local.sh");

  private final Map<String, String> env;
  private final boolean own;
  private final String bootstrap;

  private BrokerProcess(Map<String, String> env, boolean own) {
    this.env = env;
    this.own = own;
    this.bootstrap = "127.0.0.1:" + env.get("KAFKA_LOCAL_PORT");
  }

  /** The suite's broker when {@code scripts/chaos.sh} runs, else a new one (started). */
  static BrokerProcess forScenario() {
    String port = System.getenv("CHAOS_KAFKA_PORT");
    String dir = System.getenv("CHAOS_KAFKA_STATE_DIR");
    if (port != null && dir != null) {
      return new BrokerProcess(
          Map.of("KAFKA_LOCAL_PORT", port, "KAFKA_LOCAL_STATE_DIR", dir), false);
    }
    int broker = Ports.free();
    int controller = Ports.free();
    Path state = Path.of("target", "chaos-broker-" + UUID.randomUUID().toString().substring(0, 8));
    BrokerProcess b =
        new BrokerProcess(
            Map.of(
                "KAFKA_LOCAL_PORT", Integer.toString(broker),
                "KAFKA_LOCAL_CONTROLLER_PORT", Integer.toString(controller),
                "KAFKA_LOCAL_STATE_DIR", state.toAbsolutePath().toString()),
            true);
    b.start();
    return b;
  }

  String bootstrap() {
    return bootstrap;
  }

  void start() {
    run("start");
  }

  /** A controlled shutdown (SIGTERM, SIGKILL after the script's timeout). */
  void stop() {
    run("stop");
  }

  private void run(String... args) {
    List<String> command = new java.util.ArrayList<>(List.of("bash", SCRIPT.toString()));
    command.addAll(List.of(args));
    try {
      Path log = Files.createTempFile(Path.of("target"), "kafka-local", ".log");
      ProcessBuilder pb =
          new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
      pb.environment().putAll(env);
      Process p = pb.start();
      if (!p.waitFor(180, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError(
            "expected kafka-local.sh " + String.join(" ", args) + " to end within 180 s");
      }
      String out = Files.readString(log, StandardCharsets.UTF_8);
      Files.deleteIfExists(log);
      if (p.exitValue() != 0) {
        throw new AssertionError(
            "expected kafka-local.sh "
                + String.join(" ", args)
                + " to succeed, got exit "
                + p.exitValue()
                + ":\n"
                + out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    if (own) {
      run("stop", "--clean");
    } else {
      run("start"); // the suite's broker stays up for the scenarios after this one
    }
  }
}
