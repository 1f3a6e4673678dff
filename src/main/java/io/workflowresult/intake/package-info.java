/**
 * Intake, the first stage: reads the input topic, validates each value ({@link
 * io.workflowresult.intake.InputValidator}), forwards every valid run ID to the delay topic keyed
 * by run ID and due now, and dead-letters bad input as {@code INVALID_INPUT}. Also intake's
 * back-pressure ({@link io.workflowresult.intake.DueWorkFirst}): it pauses while the delay topic's
 * backlog ({@link io.workflowresult.intake.DelayBacklog}) is above {@code delay.max-backlog}, or
 * while the resolver has more due runs waiting than permits.
 *
 * <p>May use: {@code api}, {@code config}, {@code deadletter}, {@code delay}, {@code delay.learned}
 * (hints and the first due time), {@code kafka}.
 */
package io.workflowresult.intake;
