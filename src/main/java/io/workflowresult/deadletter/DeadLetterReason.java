package io.workflowresult.deadletter;

/** Why a run (or an input record) ended on the dead-letter topic. */
public enum DeadLetterReason {
  /** The input record is not a valid run ID (empty, not UTF-8, not JSON, no ID, too long, ...). */
  INVALID_INPUT,
  /** The API answered 404 more than {@code poll.not-found-retries} times. */
  NOT_FOUND,
  /** A 2xx answer that could not be read as a run, or a status code nobody classifies. */
  MALFORMED_RESPONSE,
  /** A well-formed answer whose {@code status} is none of the four known ones. */
  UNEXPECTED_STATUS,
  /** Still {@code PENDING}/{@code RUNNING} more than {@code poll.max-age} after first seen. */
  EXPIRED,
  /** {@code retry.max-attempts} failures of this run (timeouts, I/O errors, 5xx). */
  RETRIES_EXHAUSTED,
  /** The answer exceeded {@code api.max-response-bytes}, or the result is too large to publish. */
  RESULT_TOO_LARGE
}
