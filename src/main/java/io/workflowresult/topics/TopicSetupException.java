package io.workflowresult.topics;

import java.util.Optional;

/**
 * Start-up cannot go on because of the topics: one missing while {@code topics.create=false}, one
 * with the wrong settings, or Kafka unreachable or refusing. The message is one line naming the
 * topic and the problem, fit to print as is.
 *
 * <p>For the command line: print {@link #getMessage()} alone (no stack trace); the command line
 * maps this exception to its exit code (3). {@link #reason()} tells the kinds apart for anyone who
 * wants finer handling, e.g. a retry loop on {@link Reason#UNREACHABLE}.
 */
public final class TopicSetupException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What went wrong. */
  public enum Reason {
    /** A topic does not exist and {@code topics.create=false}. */
    MISSING,
    /** An existing topic has settings the service cannot work with. */
    MISCONFIGURED,
    /** The credentials lack a permission (describe, describe configs, create). */
    NOT_AUTHORIZED,
    /** Kafka did not answer within the bounded wait. */
    UNREACHABLE,
    /** Kafka refused to create a topic (invalid config, replication factor, policy...). */
    REJECTED
  }

  private final Reason reason;
  private final String topic;

  public TopicSetupException(Reason reason, String topic, String message) {
    super(message);
    this.reason = reason;
    this.topic = topic;
  }

  public Reason reason() {
    return reason;
  }

  /** The topic at fault, when one is. */
  public Optional<String> topic() {
    return Optional.ofNullable(topic);
  }
}
