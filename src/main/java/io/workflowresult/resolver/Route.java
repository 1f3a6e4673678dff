package io.workflowresult.resolver;

import io.workflowresult.api.RunTimes;
import io.workflowresult.deadletter.DeadLetter;
import io.workflowresult.delay.DelayRecord;
import java.util.Optional;

/** Where one answer sends its run: exactly one output record. */
public sealed interface Route {

  /** The kind of a route: one constant per type of {@link Route}, for exhaustive switches. */
  enum Kind {
    PUBLISH,
    REDELAY,
    DEAD_LETTER
  }

  /** Which of the types below this is. */
  Kind kind();

  /**
   * A terminal run: the API's run object to the results topic; {@code times} as the client read
   * them, when it did (else they are read from the run object when needed).
   */
  record Publish(String status, byte[] runObject, boolean truncated, Optional<RunTimes> times)
      implements Route {

    /** A result whose times were not read apart from its run object. */
    Publish(String status, byte[] runObject, boolean truncated) {
      this(status, runObject, truncated, Optional.empty());
    }

    @Override
    public Kind kind() {
      return Kind.PUBLISH;
    }
  }

  /** Not finished, or a failure worth retrying: the run back on the delay topic. */
  record Redelay(DelayRecord next, String cause) implements Route {
    @Override
    public Kind kind() {
      return Kind.REDELAY;
    }
  }

  /** A permanent failure: the run to the dead-letter topic. */
  record DeadLetterRoute(DeadLetter letter) implements Route {
    @Override
    public Kind kind() {
      return Kind.DEAD_LETTER;
    }
  }
}
