package io.workflowresult.api;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * The top-level fields of a run object that tell its times, as the client read them in its one pass
 * over the answer (so that what learns from a result need not parse it again): {@code workflowId}
 * and {@code workflowVersion} when strings; {@code startTime}, {@code endTime} and {@code
 * workflowExecutionTime} when whole numbers that fit a long.
 */
public record RunTimes(
    Optional<String> workflowId,
    Optional<String> workflowVersion,
    OptionalLong startTime,
    OptionalLong endTime,
    OptionalLong executionTime) {}
