package io.workflowresult.intake;

/**
 * Tells intake to stop taking new input for a while (e.g. while the delay backlog is above {@code
 * delay.max-backlog}, or due runs wait for permits). Asked on intake's poll thread before every
 * poll; while it says so, every input partition is paused.
 */
@FunctionalInterface
public interface IntakeThrottle {
  boolean shouldPause();
}
