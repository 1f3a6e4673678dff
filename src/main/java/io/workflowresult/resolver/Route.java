package io.workflowresult.resolver;

import io.workflowresult.deadletter.DeadLetter;
import io.workflowresult.delay.DelayRecord;

/** Where one answer sends its run: exactly one output record. */
public sealed interface Route {

  /** A terminal run: the API's run object to the results topic. */
  record Publish(String status, byte[] runObject, boolean truncated) implements Route {}

  /** Not finished, or a failure worth retrying: the run back on the delay topic. */
  record Redelay(DelayRecord next, String cause) implements Route {}

  /** A permanent failure: the run to the dead-letter topic. */
  record DeadLetterRoute(DeadLetter letter) implements Route {}
}
