package io.workflowresult.cli;

/** Kafka did not answer at start-up: the command stops with exit code 3 and this one line. */
public final class KafkaUnreachableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public KafkaUnreachableException(String bootstrapServers, Throwable cause) {
    super("cannot reach Kafka at " + bootstrapServers + " — is it running?", cause);
  }
}
