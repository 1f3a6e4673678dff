package io.workflowresult.cli;

import io.workflowresult.config.ConfigException;
import io.workflowresult.topics.TopicSetupException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * The one place that maps a failure's root cause to an exit code and one line on stderr ({@code
 * error: <message>}), never a stack trace: configuration mistakes exit {@value #CONFIG}, Kafka not
 * reachable {@value #KAFKA_UNREACHABLE}, topics that cannot be set up {@value #TOPIC_SETUP},
 * anything else {@value #FAILURE} (its stack trace is logged at DEBUG). Commands that return a code
 * themselves use these constants too.
 */
public final class ExitCodes implements IExecutionExceptionHandler {
  public static final int OK = 0;
  public static final int FAILURE = 1;
  public static final int CONFIG = 2;
  public static final int KAFKA_UNREACHABLE = 3;

  /**
   * A topic is missing, wrong or cannot be created ({@link TopicSetupException}): the same code as
   * Kafka not reachable, since both are Kafka not being usable as configured.
   */
  public static final int TOPIC_SETUP = 3;

  /** Interrupted (the shell's 128 + SIGINT). */
  public static final int INTERRUPTED = 130;

  private static final Logger log = LoggerFactory.getLogger(ExitCodes.class);

  @Override
  public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parsed) {
    cmd.getErr().println("error: " + oneLine(message(e)));
    cmd.getErr().flush();
    log.debug("command failed", e);
    return exitCode(e);
  }

  /** The exit code for a failure, from the first cause that has a meaning of its own. */
  public static int exitCode(Throwable e) {
    if (find(e, ConfigException.class).isPresent()) {
      return CONFIG;
    }
    if (find(e, KafkaUnreachableException.class).isPresent()) {
      return KAFKA_UNREACHABLE;
    }
    if (find(e, TopicSetupException.class).isPresent()) {
      return TOPIC_SETUP;
    }
    return FAILURE;
  }

  /** The line to show for a failure. */
  public static String message(Throwable e) {
    Optional<? extends Throwable> known =
        find(e, ConfigException.class)
            .<Throwable>map(c -> c)
            .or(() -> find(e, KafkaUnreachableException.class))
            .or(() -> find(e, TopicSetupException.class));
    if (known.isPresent()) {
      return known.get().getMessage();
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String m = root.getMessage();
    return m == null || m.isBlank() ? root.getClass().getSimpleName() : m;
  }

  private static <T extends Throwable> Optional<T> find(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return Optional.of(type.cast(t));
      }
    }
    return Optional.empty();
  }

  private static String oneLine(String s) {
    return s.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
  }
}
