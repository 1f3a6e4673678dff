package io.workflowresult.delay.learned;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * When a run is to be asked next, and what its delay record keeps for the decision after.
 *
 * @param dueAt epoch milliseconds
 * @param kind the run's schedule label after this decision
 * @param tail waits given on the exponential tail past the ladder so far
 * @param workflowId the run's workflow, when known
 * @param startTime the API's {@code startTime}, when known
 * @param hintedStart the clamped {@code startTime} of its input's hint, when it had one
 */
public record NextDue(
    long dueAt,
    ScheduleKind kind,
    int tail,
    Optional<String> workflowId,
    OptionalLong startTime,
    OptionalLong hintedStart) {}
